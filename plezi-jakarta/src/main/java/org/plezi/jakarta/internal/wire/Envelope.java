package org.plezi.jakarta.internal.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One cluster message in Plezi 0.12's shape: call {@code method} with the positional arguments
 * {@code data} on the connections it addresses.
 *
 * <p>Addressing: a non-null {@code target} makes it a unicast to that local connection id on server
 * {@code toServer}, whatever {@code type} says (Plezi 0.12's own unicasts also carry {@code :type:
 * :all}); otherwise {@code type} is {@value #TYPE_ALL} for a multicast or a controller's cluster
 * name for a class broadcast. An envelope has a type, a target, or both.
 *
 * <p>The lists and maps are copied shallowly and unmodifiable; values inside {@code data} are the
 * caller's and are not copied. Which value types can travel is {@link EnvelopeCodec}'s business.
 *
 * @param method the event to call: a Java identifier of at most {@value #MAX_METHOD_LENGTH} chars
 * @param data the positional arguments, never null (null becomes empty)
 * @param type {@value #TYPE_ALL}, a controller's cluster name (at most {@value #MAX_TYPE_LENGTH}
 *     chars), or null
 * @param target the local connection id of a unicast's receiver, or null
 * @param toServer the uuid of the unicast receiver's server, or null; requires a target
 * @param server the sender's server uuid, required
 * @param extra any other top-level keys (never one of {@link #RESERVED_KEYS}), in order; empty
 *     unless the bus adds a field such as a reply marker
 */
public record Envelope(
    String method,
    List<Object> data,
    String type,
    String target,
    String toServer,
    String server,
    Map<String, Object> extra) {
  /** The {@code type} of a multicast. */
  public static final String TYPE_ALL = "all";

  /** The longest accepted method name. */
  public static final int MAX_METHOD_LENGTH = 255;

  /** The longest accepted type (cluster name). */
  public static final int MAX_TYPE_LENGTH = 1024;

  /** The longest accepted server uuid or target id. */
  public static final int MAX_ID_LENGTH = 255;

  /** The top-level keys with a meaning of their own, as written on the wire. */
  public static final Set<String> RESERVED_KEYS =
      Set.of("method", "data", "type", "target", "to_server", "server");

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException naming the first rule broken
   */
  public Envelope {
    requireMethod(method);
    data = data == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(data));
    requireOptional("type", type, MAX_TYPE_LENGTH);
    requireOptional("target", target, MAX_ID_LENGTH);
    requireOptional("to_server", toServer, MAX_ID_LENGTH);
    if (server == null) {
      throw new IllegalArgumentException("server (the sender's uuid) is required");
    }
    requireOptional("server", server, MAX_ID_LENGTH);
    if (toServer != null && target == null) {
      throw new IllegalArgumentException("to_server without a target");
    }
    if (type == null && target == null) {
      throw new IllegalArgumentException(
          "neither a type (multicast, broadcast) nor a target (unicast)");
    }
    extra = copyExtra(extra);
  }

  /** A multicast: every connection of every controller on every server. */
  public static Envelope multicast(String method, List<?> data, String server) {
    return new Envelope(method, copy(data), TYPE_ALL, null, null, server, null);
  }

  /** A broadcast to every connection of the controller with this cluster name. */
  public static Envelope broadcast(String clusterName, String method, List<?> data, String server) {
    if (TYPE_ALL.equals(clusterName)) {
      throw new IllegalArgumentException("\"all\" is the multicast type, not a cluster name");
    }
    return new Envelope(method, copy(data), clusterName, null, null, server, null);
  }

  /** A unicast to connection {@code target} on server {@code toServer}. */
  public static Envelope unicast(
      String toServer, String target, String method, List<?> data, String server) {
    if (toServer == null || target == null) {
      throw new IllegalArgumentException("a unicast needs both to_server and target");
    }
    return new Envelope(method, copy(data), null, target, toServer, server, null);
  }

  /** A copy with one more (or a replaced) extra key. */
  public Envelope withExtra(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(extra);
    more.put(key, value);
    return new Envelope(method, data, type, target, toServer, server, more);
  }

  /** Whether this addresses one connection. */
  public boolean isUnicast() {
    return target != null;
  }

  /** Whether this addresses every connection. */
  public boolean isMulticast() {
    return target == null && TYPE_ALL.equals(type);
  }

  private static List<Object> copy(List<?> data) {
    return new ArrayList<>(nullSafe(data));
  }

  private static List<?> nullSafe(List<?> data) {
    return data == null ? List.of() : data;
  }

  private static void requireMethod(String method) {
    if (method == null || method.isEmpty()) {
      throw new IllegalArgumentException("method is required");
    }
    if (method.length() > MAX_METHOD_LENGTH) {
      throw new IllegalArgumentException("method longer than " + MAX_METHOD_LENGTH + " chars");
    }
    if (!isMethodName(method)) {
      throw new IllegalArgumentException("method is not an identifier: " + abbreviate(method));
    }
  }

  /**
   * Whether a name can travel as a method: a Java identifier of at most {@value #MAX_METHOD_LENGTH}
   * chars. Only names a Java method could have: nothing else can be an event.
   */
  public static boolean isMethodName(String method) {
    if (method == null || method.isEmpty() || method.length() > MAX_METHOD_LENGTH) {
      return false;
    }
    boolean valid = Character.isJavaIdentifierStart(method.codePointAt(0));
    for (int i = 0; valid && i < method.length(); ) {
      int cp = method.codePointAt(i);
      valid = Character.isJavaIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp);
      i += Character.charCount(cp);
    }
    return valid;
  }

  private static void requireOptional(String name, String value, int maxLength) {
    if (value == null) {
      return;
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " is empty");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(name + " longer than " + maxLength + " chars");
    }
  }

  private static Map<String, Object> copyExtra(Map<String, Object> extra) {
    if (extra == null || extra.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : extra.entrySet()) {
      String key = entry.getKey();
      if (key == null || RESERVED_KEYS.contains(key)) {
        throw new IllegalArgumentException("extra key not allowed: " + key);
      }
      copy.put(key, entry.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  /** A short, printable prefix of untrusted text, fit for an exception message or a log line. */
  static String abbreviate(String text) {
    return abbreviate(text, 40);
  }

  /** At most {@code max} code points of untrusted text, control characters replaced by '?'. */
  static String abbreviate(String text, int max) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .limit(max + 1L)
        .forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    if (out.codePointCount(0, out.length()) > max) {
      out.setLength(out.offsetByCodePoints(0, max));
      out.append('…');
    }
    return out.toString();
  }
}
