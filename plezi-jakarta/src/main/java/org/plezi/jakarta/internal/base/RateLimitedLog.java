package org.plezi.jakarta.internal.base;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A warning log that a flood of bad input cannot turn into a flood of lines: at most one line per
 * interval, counting the warnings it held back.
 */
public final class RateLimitedLog {
  private static final long INTERVAL_NANOS = 5_000_000_000L;

  private final System.Logger log;
  private final AtomicLong lastLine = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);
  private final AtomicLong suppressed = new AtomicLong();

  public RateLimitedLog(System.Logger log) {
    this.log = log;
  }

  /** Logs a warning now, or counts it for the next line. */
  public void warn(String message) {
    long now = System.nanoTime();
    long last = lastLine.get();
    if (now - last >= INTERVAL_NANOS && lastLine.compareAndSet(last, now)) {
      long held = suppressed.getAndSet(0);
      log.log(Level.WARNING, "Plezi: " + message
          + (held > 0 ? " (and " + held + " similar warnings in the last 5 s)" : ""));
    } else {
      suppressed.incrementAndGet();
    }
  }
}
