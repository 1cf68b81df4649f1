package org.plezi.bench.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client websocket of a {@link LoadClient}. Every field is confined to the client's I/O thread
 * except those marked volatile; handlers run on that thread and may read the others.
 */
public final class WsConnection {
  enum State {
    CONNECTING,
    HANDSHAKE,
    OPEN,
    CLOSING,
    CLOSED
  }

  /** Index within its group, 0 to size - 1: handlers use it to index per-connection counters. */
  final int index;

  final ConnectionGroup group;
  final SocketChannel channel;

  /** The Sec-WebSocket-Accept value the server must answer with. */
  final String expectedAccept;

  SelectionKey key;
  State state = State.CONNECTING;

  /** Bytes of an incomplete frame (or response header) left over from the last read. */
  byte[] pending = new byte[0];

  /** How many bytes of {@link #pending} are valid. */
  int pendingLength;

  /** A fragmented message being assembled, or null. */
  ByteArrayOutputStream fragments;

  /** Frames not yet written because the socket was full, or null. */
  ByteBuffer outbound;

  /** Whether this side has sent its close frame. */
  boolean closeSent;

  /** Data messages received (text or binary, after reassembly). */
  volatile long messages;

  /** The close code the server sent (1005 when none, 1006 when the socket just ended), or 0. */
  volatile int closeCode;

  WsConnection(int index, ConnectionGroup group, SocketChannel channel, String expectedAccept) {
    this.index = index;
    this.group = group;
    this.channel = channel;
    this.expectedAccept = expectedAccept;
  }

  /** Index within its group. */
  public int index() {
    return index;
  }

  /** Data messages received so far. */
  public long messages() {
    return messages;
  }

  /** The server's close code, or 0 while the connection is open. */
  public int closeCode() {
    return closeCode;
  }

  void keepPending(byte[] source, int from, int length) {
    if (pending.length < length) {
      pending = new byte[Math.max(length, 512)];
    }
    System.arraycopy(source, from, pending, 0, length);
    pendingLength = length;
  }
}
