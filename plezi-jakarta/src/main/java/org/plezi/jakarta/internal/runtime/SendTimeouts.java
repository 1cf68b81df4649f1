package org.plezi.jakarta.internal.runtime;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.plezi.jakarta.internal.base.Threads;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;

/**
 * Bounds how long one frame may take to send ({@code plezi.outbound.sendTimeoutMillis}): every
 * quarter of the timeout (at least every second, at most every 10 ms), one thread closes the
 * connections whose send in flight is older than the timeout. One pass over the registry instead of
 * a timer per send, which on Tomcat cost more than the send (see {@code Connection}).
 */
final class SendTimeouts {
  private final ScheduledExecutorService timer;

  private SendTimeouts(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Starts checking; null when {@code timeoutMillis} is 0 (no limit). */
  static SendTimeouts start(long timeoutMillis, String serverUuid, ConnectionRegistry connections) {
    if (timeoutMillis <= 0) {
      return null;
    }
    ScheduledExecutorService timer = Threads.scheduler("send-timeouts", serverUuid);
    long period = Math.max(10, Math.min(1_000, timeoutMillis / 4));
    timer.scheduleWithFixedDelay(
        () -> {
          long now = System.nanoTime();
          for (Connection connection : connections.all()) {
            connection.checkSendTimeout(now);
          }
        },
        period,
        period,
        TimeUnit.MILLISECONDS);
    return new SendTimeouts(timer);
  }

  void stop() {
    timer.shutdownNow();
  }
}
