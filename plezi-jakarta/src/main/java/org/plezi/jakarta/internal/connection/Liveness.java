package org.plezi.jakarta.internal.connection;

/**
 * What one connection's heartbeat needs (issue 18): when its client was last heard from (any frame
 * or pong) and last spoke (an application frame), and whether a ping is waiting for an answer.
 * Container threads write the two times, one frame at a time; the runtime's heartbeat thread alone
 * reads them and keeps the ping state, so a frame costs one clock read and two volatile writes.
 * Times are {@link System#nanoTime()} values, compared by subtraction.
 */
public final class Liveness {
  /** What the heartbeat thread should do with the connection now. */
  public enum Verdict {
    /** Nothing. */
    NONE,
    /** Send a ping: the client has been silent for the interval. */
    PING,
    /** Close with 4009: a ping went unanswered for the timeout. */
    DEAD,
    /** Close with 4010: no application frame for the idle timeout. */
    IDLE
  }

  /** The text frame the JavaScript client sends as its heartbeat (auto-dispatch controllers). */
  public static final String CLIENT_PING = "{\"event\":\"_ping_\"}";

  /** The server's answer to {@link #CLIENT_PING}. */
  public static final String SERVER_PONG = "{\"event\":\"_pong_\"}";

  private volatile long heard;
  private volatile long spoke;

  /** When the unanswered ping was due; meaningful while {@link #awaiting}. Heartbeat thread. */
  private long pingedAt;

  private boolean awaiting;

  /** A verdict to close was given: no further one. Heartbeat thread. */
  private boolean done;

  Liveness(long nowNanos) {
    heard = nowNanos;
    spoke = nowNanos;
  }

  /** A frame or a pong arrived; {@code application}: a frame that is not a heartbeat. */
  void heard(boolean application) {
    long now = System.nanoTime();
    heard = now;
    if (application) {
      spoke = now;
    }
  }

  /**
   * Decides, on the heartbeat thread, what the connection needs at {@code now}.
   *
   * @param intervalNanos silence after which a ping is sent; 0: no pings
   * @param timeoutNanos how long a ping may stay unanswered
   * @param idleNanos how long the client may send no application frame; 0: no limit
   */
  public Verdict check(long now, long intervalNanos, long timeoutNanos, long idleNanos) {
    if (done) {
      return Verdict.NONE;
    }
    if (idleNanos > 0 && now - spoke > idleNanos) {
      done = true;
      return Verdict.IDLE;
    }
    if (intervalNanos <= 0) {
      return Verdict.NONE;
    }
    long last = heard;
    if (awaiting && last - pingedAt <= 0) {
      if (now - pingedAt > timeoutNanos) {
        done = true;
        return Verdict.DEAD;
      }
      return Verdict.NONE;
    }
    awaiting = false;
    if (now - last >= intervalNanos) {
      awaiting = true;
      pingedAt = now;
      return Verdict.PING;
    }
    return Verdict.NONE;
  }
}
