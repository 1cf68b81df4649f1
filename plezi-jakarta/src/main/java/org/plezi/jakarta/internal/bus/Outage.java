package org.plezi.jakarta.internal.bus;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.function.LongSupplier;

/**
 * Whether Redis serves this server, with one log line when an outage starts and one when it ends,
 * however many operations fail in between: a failure that finds Redis already down is counted, not
 * logged. An outage starts with the first failure that means Redis cannot be reached and ends with
 * the next good link check.
 *
 * <p>All mutable state is guarded by this; {@link #isDown()} reads a volatile field and takes no
 * lock, since every Redis call asks it.
 */
public final class Outage {
  private final System.Logger log;
  private final Clock clock;
  private final LongSupplier nanoTime;

  /** The outage under way, null while Redis serves. Written under the lock, read without it. */
  private volatile Period current;

  /** Outages that started since this server joined. Guarded by this. */
  private long outages;

  /** One outage: when it started (wall clock for the log, nanos to measure it) and why. */
  private static final class Period {
    final LocalTime startedAt;
    final long startNanos;
    final String cause;

    /** Operations that failed during it, the first included. Guarded by the Outage. */
    long failures = 1;

    Period(LocalTime startedAt, long startNanos, String cause) {
      this.startedAt = startedAt;
      this.startNanos = startNanos;
      this.cause = cause;
    }
  }

  public Outage(System.Logger log) {
    this(log, Clock.systemDefaultZone(), System::nanoTime);
  }

  /** For tests: a clock for the time of day in the log, and one for durations. */
  Outage(System.Logger log, Clock clock, LongSupplier nanoTime) {
    this.log = log;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  /** Whether an outage is under way. */
  public boolean isDown() {
    return current != null;
  }

  /** How many outages started since this server joined. */
  public synchronized long count() {
    return outages;
  }

  /** How many outages ended (the next good link check came): the link's reconnects. */
  public synchronized long ended() {
    return current == null ? outages : outages - 1;
  }

  /**
   * An operation failed because Redis could not be reached: starts an outage (one WARNING line), or
   * counts one more failure of the outage under way.
   *
   * @param cause what failed, for the log line that starts the outage
   * @return whether this failure started the outage
   */
  public boolean failed(String cause) {
    synchronized (this) {
      Period period = current;
      if (period != null) {
        period.failures++;
        return false;
      }
      LocalTime now = LocalTime.now(clock);
      current = new Period(now.truncatedTo(ChronoUnit.SECONDS), nanoTime.getAsLong(), cause);
      outages++;
    }
    log.log(
        Level.WARNING,
        "Plezi: Redis cannot be reached ("
            + cause
            + "): until it is back, "
            + "registerAs and notify throw IllegalStateException and multicasts, broadcasts and "
            + "unicasts reach this server's connections only. One line when it is back.");
    return true;
  }

  /**
   * A link check succeeded: ends the outage under way, if any (one INFO line with its length).
   *
   * @return whether an outage ended
   */
  public boolean recovered() {
    Period ended;
    long length;
    long failures;
    synchronized (this) {
      ended = current;
      if (ended == null) {
        return false;
      }
      current = null;
      length = nanoTime.getAsLong() - ended.startNanos;
      failures = ended.failures;
    }
    log.log(
        Level.INFO,
        "Plezi: Redis is back after "
            + describe(Duration.ofNanos(length))
            + " (unreachable since "
            + ended.startedAt
            + "); "
            + failures
            + " operation"
            + (failures == 1 ? "" : "s")
            + " failed meanwhile");
    return true;
  }

  /**
   * An exception for a caller that Redis cannot serve now, counted as one more failure of the
   * outage under way; its message says since when.
   *
   * @param cause the Redis failure, or null when the call was refused without trying Redis
   */
  public Unavailable unavailable(Throwable cause) {
    String since;
    synchronized (this) {
      Period period = current;
      if (period != null && cause == null) {
        period.failures++;
      }
      since = period == null ? "" : " since " + period.startedAt + " (" + period.cause + ")";
    }
    return new Unavailable("Plezi: Redis cannot be reached" + since, cause);
  }

  /**
   * What a caller gets when Redis cannot serve (down, or the application is stopping): an {@link
   * IllegalStateException} as documented, of a class that the library's own background paths
   * recognise, so that they count it (the outage logged it once) instead of logging each one.
   */
  public static final class Unavailable extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static String describe(Duration length) {
    long millis = length.toMillis();
    if (millis < 10_000) {
      return millis + " ms";
    }
    long seconds = length.toSeconds();
    return seconds < 120 ? seconds + " s" : length.toMinutes() + " min " + seconds % 60 + " s";
  }
}
