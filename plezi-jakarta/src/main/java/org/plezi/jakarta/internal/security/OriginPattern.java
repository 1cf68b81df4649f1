package org.plezi.jakarta.internal.security;

import java.net.IDN;
import java.util.Locale;

/**
 * One entry of an origin allow-list: {@code scheme://host[:port]}, where the host may start with
 * {@code *.} (any one or more labels before the rest, never the rest alone) and the port may be
 * {@code *} (any port). A missing port is the scheme's default, as in an origin. Immutable.
 *
 * @param scheme lower case
 * @param host the exact host, or for a wildcard the part after {@code *.}, normalised as {@link
 *     Origin} normalises hosts
 * @param wildcard whether {@code host} is a suffix
 * @param port the port, {@link #ANY_PORT}, or {@link Origin#NO_PORT}
 */
public record OriginPattern(String scheme, String host, boolean wildcard, int port) {
  /** The port of a pattern that accepts every port. */
  public static final int ANY_PORT = 0;

  /**
   * Reads an allow-list entry.
   *
   * @throws IllegalArgumentException saying what is wrong with the entry (which it quotes: origins
   *     are not secret)
   */
  public static OriginPattern parse(String entry) {
    String text = entry.trim();
    if (text.length() > Origin.MAX_LENGTH) {
      throw new IllegalArgumentException(
          "an origin of more than " + Origin.MAX_LENGTH + " characters");
    }
    Origin.Parts parts = Origin.Parts.split(text);
    if (parts == null) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not scheme://host[:port] (such as "
              + "https://app.example.com or https://*.example.com:8443)");
    }
    boolean wildcard = parts.host().startsWith("*.");
    String rawHost = wildcard ? parts.host().substring(2) : parts.host();
    String host = rawHost.startsWith("[") ? Origin.normaliseHost(rawHost) : asciiHost(rawHost);
    if (host == null) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "': '"
              + parts.host()
              + "' is not a host"
              + (rawHost.contains("*") ? " ('*.' may only start the host)" : ""));
    }
    if (wildcard && host.startsWith("[")) {
      throw new IllegalArgumentException("'" + text + "': an IPv6 address has no subdomains");
    }
    int port;
    if (parts.port() == null) {
      port = Origin.defaultPort(parts.scheme());
    } else if (parts.port().equals("*")) {
      port = ANY_PORT;
    } else {
      port = Origin.port(parts.port());
      if (port == 0) {
        throw new IllegalArgumentException(
            "'" + text + "': '" + parts.port() + "' is not a port (1 to 65535, or *)");
      }
    }
    return new OriginPattern(parts.scheme(), host, wildcard, port);
  }

  /** A host name in ASCII (an internationalised name in punycode, as browsers send it). */
  private static String asciiHost(String raw) {
    try {
      return Origin.normaliseHost(IDN.toASCII(raw, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether the origin is one this entry allows. */
  public boolean matches(Origin origin) {
    if (!scheme.equals(origin.scheme()) || (port != ANY_PORT && port != origin.port())) {
      return false;
    }
    if (!wildcard) {
      return host.equals(origin.host());
    }
    String candidate = origin.host();
    return !origin.isIpv6()
        && candidate.length() > host.length() + 1
        && candidate.endsWith(host)
        && candidate.charAt(candidate.length() - host.length() - 1) == '.';
  }

  @Override
  public String toString() {
    String portText =
        port == ANY_PORT
            ? ":*"
            : port == Origin.NO_PORT || port == Origin.defaultPort(scheme) ? "" : ":" + port;
    return scheme + "://" + (wildcard ? "*." : "") + host + portText;
  }
}
