package org.plezi.bench.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** RFC 6455 pieces the load client needs: the opening handshake and masked client frames. */
final class Frames {
  static final int TEXT = 1;
  static final int BINARY = 2;
  static final int CLOSE = 8;
  static final int PING = 9;
  static final int PONG = 10;

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private Frames() {}

  /** A fresh random Sec-WebSocket-Key. */
  static String newKey() {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    return Base64.getEncoder().encodeToString(nonce);
  }

  /** The Sec-WebSocket-Accept a server must answer to {@code key}. */
  static String acceptFor(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  static ByteBuffer handshake(String host, int port, String path, String key) {
    return handshake(host, port, path, key, null);
  }

  /**
   * @param extensions the Sec-WebSocket-Extensions offered, or null for none
   */
  static ByteBuffer handshake(String host, int port, String path, String key, String extensions) {
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\n"
            + "Host: "
            + host
            + ":"
            + port
            + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + key
            + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n")
            + "\r\n";
    return ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
  }

  /** The end of the response header (index after the blank line), or -1 if not all there. */
  static int headerEnd(byte[] data, int from, int to) {
    for (int i = from; i + 3 < to; i++) {
      if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
        return i + 4;
      }
    }
    return -1;
  }

  /**
   * Checks a handshake response.
   *
   * @return null when it accepts the upgrade, else what is wrong
   */
  static String checkResponse(String header, String expectedAccept) {
    String[] lines = header.split("\r\n");
    if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 101")) {
      return "upgrade refused: " + (lines.length == 0 ? "empty response" : lines[0]);
    }
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon)
              .trim()
              .toLowerCase(Locale.ROOT)
              .equals("sec-websocket-accept")) {
        String accept = line.substring(colon + 1).trim();
        return accept.equals(expectedAccept) ? null : "wrong Sec-WebSocket-Accept " + accept;
      }
    }
    return "no Sec-WebSocket-Accept header";
  }

  /** A final client frame: masked with a random key, as RFC 6455 requires of clients. */
  static ByteBuffer clientFrame(int opcode, byte[] payload) {
    int length = payload.length;
    if (length > 0xFFFF) {
      throw new IllegalArgumentException("client frames of the bench stay under 64 KiB");
    }
    int header = length < 126 ? 2 : 4;
    ByteBuffer frame = ByteBuffer.allocate(header + 4 + length);
    frame.put((byte) (0x80 | opcode));
    if (length < 126) {
      frame.put((byte) (0x80 | length));
    } else {
      frame.put((byte) (0x80 | 126)).putShort((short) length);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.put(mask);
    for (int i = 0; i < length; i++) {
      frame.put((byte) (payload[i] ^ mask[i & 3]));
    }
    return frame.flip();
  }

  static ByteBuffer closeFrame(int code) {
    return clientFrame(CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
  }
}
