package org.plezi.jakarta.internal.base;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A warning log that a flood of bad input cannot turn into a flood of lines: at most one line per
 * interval, saying how many warnings it held back since the last one. Every warning that outside
 * input can cause (a frame, a bus message, an overflowing mailbox) goes through one of these.
 * Thread-safe and lock-free: a warning held back costs two atomic operations.
 */
public final class RateLimitedLog {
  /** The interval of the library's warnings about Redis and mailboxes. */
  public static final long DEFAULT_INTERVAL_NANOS = 5_000_000_000L;

  private final System.Logger log;
  private final long intervalNanos;

  /** {@link System#nanoTime()}, but for tests. */
  private final LongSupplier clock;

  /** When the last line was written ({@link System#nanoTime()}). */
  private final AtomicLong lastLine;

  /** Warnings held back since the last line. */
  private final AtomicLong suppressed = new AtomicLong();

  /** At most one line per 5 seconds. */
  public RateLimitedLog(System.Logger log) {
    this(log, DEFAULT_INTERVAL_NANOS);
  }

  /** At most one line per {@code intervalNanos}. */
  public RateLimitedLog(System.Logger log, long intervalNanos) {
    this(log, intervalNanos, System::nanoTime);
  }

  RateLimitedLog(System.Logger log, long intervalNanos, LongSupplier clock) {
    this.log = log;
    this.intervalNanos = intervalNanos;
    this.clock = clock;
    this.lastLine = new AtomicLong(clock.getAsLong() - intervalNanos);
  }

  /** Logs a warning now, or counts it for the next line. */
  public void warn(String message) {
    long now = clock.getAsLong();
    long last = lastLine.get();
    if (now - last >= intervalNanos && lastLine.compareAndSet(last, now)) {
      long held = suppressed.getAndSet(0);
      log.log(
          Level.WARNING,
          "Plezi: "
              + message
              + (held > 0
                  ? " (and " + held + " similar warnings in the last " + seconds() + " s)"
                  : ""));
    } else if (suppressed.incrementAndGet() < 0) {
      suppressed.set(0); // wrapped around after 2^63 warnings: count again from zero
    }
  }

  private String seconds() {
    long tenths = intervalNanos / 100_000_000L;
    return tenths % 10 == 0 ? Long.toString(tenths / 10) : tenths / 10 + "." + tenths % 10;
  }
}
