package org.plezi.jakarta.internal.redis;

import java.util.List;

/**
 * The Redis keys of one identity: {@code <channel>:identity:{<tag>}:meta|conns|box}. Redis Cluster
 * hashes only what stands between a key's first <code>{</code> and the first <code>}</code> after
 * it, when that is not empty; the tag therefore holds the identity with {@code %}, <code>{</code>
 * and <code>}</code> percent-encoded ({@code %25}, {@code %7B}, {@code %7D}), so that every
 * identity, including one that starts with <code>}</code> (which would otherwise leave an empty tag
 * and spread the three keys over three slots: CROSSSLOT), has its three keys in one slot, and two
 * identities never share keys. An identity without those three characters is its own tag. The
 * channel ({@code plezi.channel}) holds no braces, so the tag is the key's first one.
 */
final class IdentityKeys {
  private IdentityKeys() {}

  /** The hash tag of an identity: the identity, its {@code %} and braces percent-encoded. */
  static String tag(String identity) {
    if (identity.indexOf('%') < 0 && identity.indexOf('{') < 0 && identity.indexOf('}') < 0) {
      return identity;
    }
    StringBuilder tag = new StringBuilder(identity.length() + 8);
    for (int i = 0; i < identity.length(); i++) {
      char c = identity.charAt(i);
      switch (c) {
        case '%' -> tag.append("%25");
        case '{' -> tag.append("%7B");
        case '}' -> tag.append("%7D");
        default -> tag.append(c);
      }
    }
    return tag.toString();
  }

  /** The three keys, in the order the scripts read them: meta, conns, box. */
  static List<Object> of(String channel, String identity) {
    String base = channel + ":identity:{" + tag(identity) + "}:";
    return List.of(base + "meta", base + "conns", base + "box");
  }
}
