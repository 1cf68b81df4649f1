package org.plezi.jakarta.internal.security;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The headers of a websocket upgrade that RFC 6455 requires of every client, checked before any
 * controller is made, so that junk handshakes cost nothing and get the same answer on every
 * container: {@code 426 Upgrade Required} with {@code Sec-WebSocket-Version: 13} for another
 * protocol version, {@code 400} for a missing or malformed key. Stateless.
 */
public final class HandshakeCheck {
  /** The only protocol version there is. */
  public static final String VERSION = "13";

  /** The response header that names the versions this server speaks. */
  public static final String VERSION_HEADER = "Sec-WebSocket-Version";

  /** Why a handshake is refused. */
  public record Refusal(int status, String reason) {
    /** Whether the response must carry {@code Sec-WebSocket-Version: 13} (RFC 6455, 4.4). */
    public boolean namesVersion() {
      return status == 426;
    }
  }

  private static final Refusal WRONG_VERSION =
      new Refusal(426, "Sec-WebSocket-Version is not " + VERSION);

  private static final Refusal BAD_KEY =
      new Refusal(400, "Sec-WebSocket-Key is not one base64 value of 16 bytes");

  private HandshakeCheck() {}

  /**
   * Checks an upgrade's headers.
   *
   * @param versions every {@code Sec-WebSocket-Version} header value
   * @param keys every {@code Sec-WebSocket-Key} header value
   * @return null when they are fine, else how to refuse
   */
  public static Refusal check(List<String> versions, List<String> keys) {
    if (!offersVersion13(versions)) {
      return WRONG_VERSION;
    }
    if (keys.size() != 1 || !isKey(keys.get(0))) {
      return BAD_KEY;
    }
    return null;
  }

  /** Whether some header offers version 13 (a client may list several, comma-separated). */
  private static boolean offersVersion13(List<String> versions) {
    for (String header : versions) {
      for (String token : header.split(",")) {
        if (token.trim().toLowerCase(Locale.ROOT).equals(VERSION)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A nonce of 16 bytes, base64-encoded: 24 characters. */
  private static boolean isKey(String value) {
    String key = value.trim();
    if (key.length() != 24) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(key).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
