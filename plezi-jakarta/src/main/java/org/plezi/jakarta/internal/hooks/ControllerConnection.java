package org.plezi.jakarta.internal.hooks;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * What a {@link org.plezi.jakarta.Controller} sees of its websocket: its id, whether it is open,
 * its outbound queue and its identities. Implemented by the connection layer's {@code Connection}.
 * Every method may be called from any thread and never blocks on the client; {@link #registerAs}
 * may wait for the identity store (one Redis round trip in a cluster).
 */
public interface ControllerConnection {
  /** The cluster-wide id: the server uuid followed by the local id. */
  String uuid();

  /** Whether the websocket is open and its queue accepts frames. */
  boolean isOpen();

  /** Queues a text frame; false if not queued (closing, closed, or this write overflowed). */
  boolean sendText(String text);

  /** Queues a binary frame; the queue owns {@code data} from here on. False as for text. */
  boolean sendBinary(ByteBuffer data);

  /** Queues a close after the frames already queued. */
  void close(int code, String reason);

  /**
   * Binds the connection to an identity (see {@code Controller#registerAs}).
   *
   * @throws IllegalArgumentException for a bad identity, lifetime or count
   */
  void registerAs(String identity, Duration lifetime, int maxConnections);
}
