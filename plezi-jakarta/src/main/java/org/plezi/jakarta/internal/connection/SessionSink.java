package org.plezi.jakarta.internal.connection;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** An outbound queue's view of a Jakarta session: async sends, and closes on another thread. */
final class SessionSink implements OutboundQueue.Sink {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  /** The most a close reason may hold, in bytes of UTF-8 (RFC 6455). */
  private static final int MAX_REASON_BYTES = 123;

  private final Session session;
  private final Executor closer;
  private final String uuid;

  /** A ping is being written (issue 18): one at a time, so a stalled peer holds one thread. */
  private final java.util.concurrent.atomic.AtomicBoolean pinging =
      new java.util.concurrent.atomic.AtomicBoolean();

  SessionSink(Session session, Executor closer, String uuid) {
    this.session = session;
    this.closer = closer;
    this.uuid = uuid;
  }

  @Override
  public void sendText(String text, Consumer<Throwable> done) {
    session.getAsyncRemote().sendText(text, r -> done.accept(r.isOK() ? null : r.getException()));
  }

  @Override
  public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
    session.getAsyncRemote().sendBinary(data, r -> done.accept(r.isOK() ? null : r.getException()));
  }

  @Override
  public void close(int code, String reason) {
    // Closing writes the close frame with a blocking send: never on the writer's thread.
    closer.execute(
        () -> {
          try {
            if (session.isOpen()) {
              session.close(
                  new CloseReason(CloseReason.CloseCodes.getCloseCode(code), truncate(reason)));
            }
          } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> uuid + ": close failed: " + e);
          }
        });
  }

  /**
   * Sends an empty ping on the close pool (a ping is a blocking send in Jakarta WebSocket); does
   * nothing while the previous one is still being written.
   */
  void ping() {
    if (!pinging.compareAndSet(false, true)) {
      return;
    }
    try {
      closer.execute(
          () -> {
            try {
              if (session.isOpen()) {
                session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
              }
            } catch (IOException | RuntimeException e) {
              LOG.log(Level.DEBUG, () -> uuid + ": ping failed: " + e);
            } finally {
              pinging.set(false);
            }
          });
    } catch (RuntimeException e) { // the pool is shut down: undeploy
      pinging.set(false);
    }
  }

  /** A close reason cut to what the protocol allows. */
  static String truncate(String reason) {
    if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
      return reason;
    }
    int end = reason.length();
    while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      end--;
    }
    return reason.substring(0, end);
  }
}
