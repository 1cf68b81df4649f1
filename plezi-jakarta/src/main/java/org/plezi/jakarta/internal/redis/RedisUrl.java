package org.plezi.jakarta.internal.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.plezi.jakarta.internal.base.LogText;

/**
 * The {@code plezi.redis.url}: {@code redis://} (plain) or {@code rediss://} (TLS), with optional
 * credentials and database, {@code redis[s]://[[user]:password@]host[:port][/database]}. The user
 * and password are percent-decoded, so a password may hold any character ({@code %40} for
 * {@code @}). The password never leaves this object except through {@link #password()}: {@link
 * #toString()} and every error message show {@code ***} instead, and {@link #redact} scrubs it out
 * of any text (such as a driver's exception message) before that text is logged. No error message
 * quotes any part of the URL: a mistyped one may put the password where the host or port should be.
 * Immutable.
 *
 * @param tls whether the scheme is {@code rediss}
 * @param host a host name, an IPv4 address, or an IPv6 address in brackets
 * @param port 1 to 65535; 6379 when the URL names none
 * @param username the ACL user, or null for Redis's default user
 * @param password the password, or null for none
 * @param database the database number; 0 when the URL names none
 */
public record RedisUrl(
    boolean tls, String host, int port, String username, String password, int database) {
  /** The port of a URL that names none. */
  public static final int DEFAULT_PORT = 6379;

  /** What replaces the password wherever it would be shown. */
  public static final String MASK = "***";

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

  /**
   * Reads a URL.
   *
   * @throws IllegalArgumentException saying what is wrong; the message never holds the password
   */
  public static RedisUrl parse(String url) {
    String text = url.trim();
    boolean tls;
    if (text.regionMatches(true, 0, "rediss://", 0, 9)) {
      tls = true;
    } else if (text.regionMatches(true, 0, "redis://", 0, 8)) {
      tls = false;
    } else {
      throw new IllegalArgumentException("plezi.redis.url must start with redis:// or rediss://");
    }
    String rest = text.substring(tls ? 9 : 8);
    if (rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
      throw new IllegalArgumentException(
          "plezi.redis.url: query parameters and fragments are not "
              + "read; use plezi.redis.config (a Redisson YAML file) for other options");
    }
    int at = rest.lastIndexOf('@');
    String username = null;
    String password = null;
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "plezi.redis.url: write the credentials as "
                + "user:password@ or :password@ (a part with no ':' could be either)");
      }
      username = colon == 0 ? null : decode(userInfo.substring(0, colon), "user");
      password = decode(userInfo.substring(colon + 1), "password");
      rest = rest.substring(at + 1);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    int database = database(path);
    int close = authority.lastIndexOf(']');
    int colon = authority.lastIndexOf(':');
    String host = colon > close ? authority.substring(0, colon) : authority;
    int port = colon > close ? port(authority.substring(colon + 1)) : DEFAULT_PORT;
    if (!HOST.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      throw new IllegalArgumentException("plezi.redis.url: the host is not a name or address");
    }
    return new RedisUrl(
        tls,
        host.toLowerCase(Locale.ROOT),
        port,
        username,
        password == null || password.isEmpty() ? null : password,
        database);
  }

  private static int port(String digits) {
    int port = DIGITS.matcher(digits).matches() ? Integer.parseInt(digits) : 0;
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(
          "plezi.redis.url: the port is not a number from 1 to " + "65535");
    }
    return port;
  }

  private static int database(String path) {
    if (path.isEmpty()) {
      return 0;
    }
    if (!DIGITS.matcher(path).matches() || Long.parseLong(path) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "plezi.redis.url: the path must be a database number, " + "such as /0");
    }
    return Integer.parseInt(path);
  }

  /** Percent-decodes a part of the user info as UTF-8; '+' stays '+' (this is no form). */
  private static String decode(String raw, String what) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int value = i + 2 < raw.length() ? hex(raw.charAt(i + 1), raw.charAt(i + 2)) : -1;
        if (value < 0) {
          throw new IllegalArgumentException(
              "plezi.redis.url: the "
                  + what
                  + " has a '%' that is "
                  + "not followed by two hexadecimal digits (write '%25' for '%')");
        }
        bytes.write(value);
        i += 2;
      } else if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(
            "plezi.redis.url: the " + what + " holds a control character");
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "plezi.redis.url: the " + what + " is not UTF-8 once percent-decoded");
    }
  }

  private static int hex(char high, char low) {
    int h = Character.digit(high, 16);
    int l = Character.digit(low, 16);
    return h < 0 || l < 0 ? -1 : h * 16 + l;
  }

  /** The server's address without credentials, {@code redis[s]://host:port}, for the driver. */
  public String address() {
    return (tls ? "rediss://" : "redis://") + host + ":" + port;
  }

  /**
   * A text with every occurrence of the password (as written and percent-encoded) replaced by
   * {@link #MASK}: for messages of a driver or server that might echo it.
   */
  public String redact(String text) {
    if (text == null || password == null) {
      return text;
    }
    String scrubbed = text.replace(password, MASK);
    String encoded = java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
    return encoded.equals(password) ? scrubbed : scrubbed.replace(encoded, MASK);
  }

  /** The URL as it may be logged: {@code redis://user:***@host:port/db}. */
  @Override
  public String toString() {
    String credentials =
        username == null && password == null
            ? ""
            : (username == null ? "" : LogText.printable(username))
                + ":"
                + (password == null ? "" : MASK)
                + "@";
    return (tls ? "rediss://" : "redis://")
        + credentials
        + host
        + ":"
        + port
        + (database == 0 ? "" : "/" + database);
  }
}
