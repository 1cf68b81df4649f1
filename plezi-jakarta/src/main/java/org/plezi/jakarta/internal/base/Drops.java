package org.plezi.jakarta.internal.base;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * Logs messages that fit no event method. A sender can cause any number of these, so the log is
 * rate-limited: at most one line per second, saying how many were dropped since the last line.
 */
final class Drops {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");
  private static final long INTERVAL_NANOS = 1_000_000_000L;

  /** When the last line was written (System.nanoTime). */
  private static final AtomicLong lastLine = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

  /** Drops since the last line. */
  private static final AtomicLong dropped = new AtomicLong();

  private Drops() {}

  static void log(ControllerModel receiver, String event, String why) {
    long count = dropped.incrementAndGet();
    long now = System.nanoTime();
    long last = lastLine.get();
    if (now - last >= INTERVAL_NANOS && lastLine.compareAndSet(last, now)) {
      long total = dropped.getAndSet(0);
      LOG.log(Level.WARNING, "dropped a message for event '" + event + "' of "
          + receiver.type().getName() + ": " + why
          + (total > 1 ? " (" + total + " dropped in the last interval)" : ""));
    } else if (count < 0) {
      dropped.set(0);
    }
  }
}
