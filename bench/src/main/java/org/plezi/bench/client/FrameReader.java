package org.plezi.bench.client;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Parses the server's (unmasked) frames in place in the client's read buffer. */
final class FrameReader {
  /** What the frames of a connection turn into. */
  interface Sink {
    /** A complete data message (text or binary, reassembled if it was fragmented). */
    void message(WsConnection c, byte[] data, int offset, int length, long now);

    /** The server's close frame, with its code (1005 when it had none). */
    void serverClosed(WsConnection c, int code);

    /** A ping, to be answered with this payload. */
    void pong(WsConnection c, byte[] payload);
  }

  private FrameReader() {}

  /**
   * Handles every complete frame in {@code data[from, to)}.
   *
   * @return where the first incomplete frame starts ({@code to} when none is)
   * @throws IllegalStateException on a protocol violation (the caller drops the connection)
   */
  static int frames(Sink client, WsConnection c, byte[] data, int from, int to, long now) {
    int p = from;
    while (to - p >= 2 && c.state != WsConnection.State.CLOSED) {
      int b0 = data[p] & 0xFF;
      int b1 = data[p + 1] & 0xFF;
      if ((b1 & 0x80) != 0) {
        throw new IllegalStateException("the server masked a frame");
      }
      int header = 2;
      long length = b1 & 0x7F;
      if (length == 126) {
        if (to - p < 4) {
          break;
        }
        length = ((data[p + 2] & 0xFF) << 8) | (data[p + 3] & 0xFF);
        header = 4;
      } else if (length == 127) {
        if (to - p < 10) {
          break;
        }
        length = 0;
        for (int i = 2; i < 10; i++) {
          length = (length << 8) | (data[p + i] & 0xFF);
        }
        header = 10;
      }
      if (length > 64 * 1024) {
        throw new IllegalStateException("frame of " + length + " bytes");
      }
      if (to - p - header < length) {
        break;
      }
      int start = p + header;
      frame(client, c, b0, data, start, (int) length, now);
      p = start + (int) length;
    }
    return p;
  }

  private static void frame(
      Sink client, WsConnection c, int b0, byte[] data, int start, int length, long now) {
    boolean fin = (b0 & 0x80) != 0;
    int opcode = b0 & 0x0F;
    switch (opcode) {
      case Frames.TEXT, Frames.BINARY -> {
        if (c.fragments != null) {
          throw new IllegalStateException("a new message inside a fragmented one");
        }
        if (fin) {
          client.message(c, data, start, length, now);
        } else {
          c.fragments = new ByteArrayOutputStream();
          c.fragments.write(data, start, length);
        }
      }
      case 0 -> {
        if (c.fragments == null) {
          throw new IllegalStateException("a continuation frame outside a message");
        }
        c.fragments.write(data, start, length);
        if (fin) {
          byte[] whole = c.fragments.toByteArray();
          c.fragments = null;
          client.message(c, whole, 0, whole.length, now);
        }
      }
      case Frames.CLOSE ->
          client.serverClosed(
              c, length >= 2 ? ((data[start] & 0xFF) << 8) | (data[start + 1] & 0xFF) : 1005);
      case Frames.PING -> client.pong(c, Arrays.copyOfRange(data, start, start + length));
      case Frames.PONG -> {}
      default -> throw new IllegalStateException("unknown opcode " + opcode);
    }
  }
}
