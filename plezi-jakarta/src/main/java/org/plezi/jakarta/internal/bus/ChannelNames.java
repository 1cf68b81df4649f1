package org.plezi.jakarta.internal.bus;

/**
 * The rules for channel names (issue 17): 1 to {@value #MAX_LENGTH} characters of {@code A-Z a-z
 * 0-9 _ . : / @ -}; no spaces, no glob characters, nothing a log line or a Redis channel name could
 * be confused by.
 */
public final class ChannelNames {
  /** The longest channel name, in characters. */
  public static final int MAX_LENGTH = 200;

  private ChannelNames() {}

  /** Whether {@code name} is a valid channel name. */
  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == ':'
              || c == '/'
              || c == '@'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns a valid name.
   *
   * @throws IllegalArgumentException naming the rule, with a printable prefix of the name
   */
  public static String check(String name) {
    if (!isValid(name)) {
      throw new IllegalArgumentException(
          "a channel name is 1 to "
              + MAX_LENGTH
              + " characters of A-Z a-z 0-9 _ . : / @ -, not "
              + shown(name));
    }
    return name;
  }

  private static String shown(String name) {
    if (name == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("'");
    name.codePoints()
        .limit(40)
        .forEach(cp -> out.appendCodePoint(cp < 0x20 || cp == 0x7f ? '?' : cp));
    if (name.codePointCount(0, name.length()) > 40) {
      out.append('…');
    }
    return out.append("' (").append(name.length()).append(" chars)").toString();
  }
}
