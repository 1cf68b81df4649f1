package org.plezi.jakarta.internal.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A web origin: scheme, host and port, as a browser's {@code Origin} header names a page's site
 * (RFC 6454). Normalised so that equal origins are equal records: scheme and host in lower case, an
 * IPv6 host in brackets in Java's full form ({@code [0:0:0:0:0:0:0:1]}), a missing port replaced by
 * the scheme's default. Immutable.
 *
 * @param scheme such as {@code https}
 * @param host a lower-case name, an IPv4 address, or a bracketed IPv6 address
 * @param port 1 to 65535, or {@link #NO_PORT} for a scheme without a default port and none given
 */
public record Origin(String scheme, String host, int port) {
  /** The port of an origin whose scheme has no default port and that names none. */
  public static final int NO_PORT = -1;

  // equals and hashCode written out rather than generated: a record's generated ones link through
  // java.lang.runtime.ObjectMethods, whose shared method handles (JDK 17) keep the last record
  // class linked, and with it this application's class loader after undeploy (issue 21).

  @Override
  public boolean equals(Object other) {
    return other instanceof Origin that
        && port == that.port
        && scheme.equals(that.scheme)
        && host.equals(that.host);
  }

  @Override
  public int hashCode() {
    return (scheme.hashCode() * 31 + host.hashCode()) * 31 + port;
  }

  /** The longest origin (or origin pattern) read; browsers send far shorter ones. */
  static final int MAX_LENGTH = 1024;

  private static final Map<String, Integer> DEFAULT_PORTS =
      Map.of("http", 80, "https", 443, "ws", 80, "wss", 443);

  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]{0,31}");

  /** A host name or IPv4 address as browsers serialise them (ASCII, IDNs in punycode). */
  private static final Pattern HOST = Pattern.compile("[a-z0-9_]([a-z0-9_.-]{0,252})");

  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]{2,45}");

  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  /**
   * Reads an {@code Origin} header value.
   *
   * @return the origin, or null when the value is not {@code scheme://host[:port]} (with at most a
   *     trailing {@code /}); the opaque origin {@code null} is not an origin either
   */
  public static Origin parse(String value) {
    if (value == null || value.length() > MAX_LENGTH) {
      return null;
    }
    Parts parts = Parts.split(value.trim());
    if (parts == null) {
      return null;
    }
    String host = normaliseHost(parts.host());
    if (host == null) {
      return null;
    }
    int port = parts.port() == null ? defaultPort(parts.scheme()) : port(parts.port());
    return port == 0 ? null : new Origin(parts.scheme(), host, port);
  }

  /**
   * The origin of a request as the server sees it: {@code getScheme()}, {@code getServerName()} and
   * {@code getServerPort()}, which honour the container's proxy settings.
   *
   * @return the origin, or null when the container reports something that is no origin
   */
  public static Origin ofRequest(String scheme, String serverName, int serverPort) {
    if (scheme == null || serverName == null) {
      return null;
    }
    String lowerScheme = scheme.toLowerCase(Locale.ROOT);
    String name = serverName.trim();
    if (!name.startsWith("[") && name.indexOf(':') >= 0) {
      name = "[" + name + "]"; // some containers give an IPv6 host without brackets
    }
    String host = normaliseHost(name);
    if (host == null || !SCHEME.matcher(lowerScheme).matches()) {
      return null;
    }
    int port = serverPort > 0 && serverPort <= 65_535 ? serverPort : defaultPort(lowerScheme);
    return new Origin(lowerScheme, host, port);
  }

  /** The default port of a scheme, or {@link #NO_PORT}. */
  static int defaultPort(String scheme) {
    return DEFAULT_PORTS.getOrDefault(scheme, NO_PORT);
  }

  /** A port number, or 0 when it is not one. */
  static int port(String digits) {
    if (!PORT.matcher(digits).matches()) {
      return 0;
    }
    int port = Integer.parseInt(digits);
    return port >= 1 && port <= 65_535 ? port : 0;
  }

  /**
   * A host in the form origins are compared in, or null when it is none: lower case; an IPv6
   * literal (in brackets) in full form, without zone.
   */
  static String normaliseHost(String raw) {
    String host = raw.toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      if (!host.endsWith("]")) {
        return null;
      }
      String literal = host.substring(1, host.length() - 1);
      return IPV6.matcher(literal).matches() ? ipv6(literal) : null;
    }
    return HOST.matcher(host).matches() ? host : null;
  }

  /** Java's full form of an IPv6 literal already checked to hold only hex digits, ':' and '.'. */
  private static String ipv6(String literal) {
    if (literal.indexOf(':') < 0) {
      return null;
    }
    try {
      // A bracketed literal is parsed, never looked up: InetAddress refuses it without DNS.
      InetAddress address = InetAddress.getByName("[" + literal + "]");
      byte[] bytes = address.getAddress();
      if (address instanceof Inet4Address) { // an IPv4-mapped literal: keep it an IPv6 host
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        bytes = mapped;
      }
      return "[" + Inet6Address.getByAddress(null, bytes, -1).getHostAddress() + "]";
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Whether the host is a bracketed IPv6 address. */
  boolean isIpv6() {
    return host.startsWith("[");
  }

  /** The origin as a browser writes it, the port only when it is not the scheme's default. */
  @Override
  public String toString() {
    boolean implied = port == NO_PORT || port == defaultPort(scheme);
    return scheme + "://" + host + (implied ? "" : ":" + port);
  }

  /**
   * The pieces of {@code scheme://host[:port][/]}, not yet checked: the host may be anything but
   * empty, the port any text after the last colon outside brackets.
   */
  record Parts(String scheme, String host, String port) {
    static Parts split(String text) {
      int separator = text.indexOf("://");
      if (separator <= 0) {
        return null;
      }
      String scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
      if (!SCHEME.matcher(scheme).matches()) {
        return null;
      }
      String authority = text.substring(separator + 3);
      if (authority.endsWith("/")) {
        authority = authority.substring(0, authority.length() - 1);
      }
      if (authority.isEmpty() || authority.chars().anyMatch(c -> "/?#@\\ ".indexOf(c) >= 0)) {
        return null; // a path, a query, a fragment or user info: not an origin
      }
      int close = authority.lastIndexOf(']');
      int colon = authority.lastIndexOf(':');
      if (colon > close) {
        String port = authority.substring(colon + 1);
        String host = authority.substring(0, colon);
        return host.isEmpty() ? null : new Parts(scheme, host, port);
      }
      return new Parts(scheme, authority, null);
    }
  }
}
