package org.plezi.jakarta.internal.runtime;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.plezi.jakarta.internal.base.Settings;
import org.plezi.jakarta.internal.base.Threads;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;
import org.plezi.jakarta.internal.connection.Liveness;

/**
 * Finds dead and idle connections (issue 18): one timer task on the {@code heartbeat} thread sweeps
 * every connection a few times per interval. A connection silent for {@code
 * plezi.ping.intervalMillis} is pinged; one that then sends nothing (no pong, no frame) for {@code
 * plezi.ping.timeoutMillis} is given up with 4009 and released at once; one whose client sent no
 * application frame for {@code plezi.idle.timeoutMillis} is closed with 4010. So a silently dead
 * path is closed within interval + timeout + one sweep period. Per connection this costs a {@link
 * Liveness} (three longs) and one check per sweep; no timer per connection.
 */
final class Heartbeats {
  private final ScheduledExecutorService timer;

  private Heartbeats(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /**
   * Starts sweeping; null when both pings and the idle timeout are off.
   *
   * @param dead releases a connection given up with 4009 (called on the heartbeat thread; it must
   *     hand off anything slow)
   */
  static Heartbeats start(
      Settings settings,
      String serverUuid,
      ConnectionRegistry connections,
      Consumer<Connection> dead) {
    long interval = settings.get(Settings.PING_INTERVAL_MILLIS);
    long timeout = settings.get(Settings.PING_TIMEOUT_MILLIS);
    long idle = settings.get(Settings.IDLE_TIMEOUT_MILLIS);
    if (interval == 0 && idle == 0) {
      return null;
    }
    long shortest =
        Math.min(
            interval == 0 ? Long.MAX_VALUE : Math.min(interval, timeout),
            idle == 0 ? Long.MAX_VALUE : idle);
    long period = Math.max(20, Math.min(1_000, shortest / 4));
    long intervalNanos = TimeUnit.MILLISECONDS.toNanos(interval);
    long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeout);
    long idleNanos = TimeUnit.MILLISECONDS.toNanos(idle);
    ScheduledExecutorService timer = Threads.scheduler("heartbeat", serverUuid);
    timer.scheduleWithFixedDelay(
        () -> {
          long now = System.nanoTime();
          for (Connection connection : connections.all()) {
            try {
              if (connection.heartbeat(now, intervalNanos, timeoutNanos, idleNanos)
                  == Liveness.Verdict.DEAD) {
                dead.accept(connection);
              }
            } catch (RuntimeException e) { // never let one connection end the sweeps
              System.getLogger("org.plezi.jakarta")
                  .log(System.Logger.Level.WARNING, "heartbeat of " + connection + " failed", e);
            }
          }
        },
        period,
        period,
        TimeUnit.MILLISECONDS);
    return new Heartbeats(timer);
  }

  void stop() {
    timer.shutdownNow();
  }
}
