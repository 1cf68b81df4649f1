package org.plezi.jakarta.internal.security;

/**
 * The inbound rate limit of one connection: a bucket of {@code burst} tokens that refills at {@code
 * perSecond} tokens a second; each message takes one, and a message that finds the bucket empty is
 * over the limit. Exact integer arithmetic: a token is {@value #UNIT} units and a nanosecond
 * refills {@code perSecond} units, so no rate drifts by rounding.
 *
 * <p>Not thread-safe, by design: it is taken only by the container's thread that delivers the
 * connection's messages, and a container delivers one message of a session at a time. Two longs per
 * connection, and none when the limit is off (the connection then holds no bucket).
 */
public final class TokenBucket {
  /** Units per token. */
  static final long UNIT = 1_000_000_000L;

  /** The largest rate accepted, in tokens per second. */
  public static final long MAX_PER_SECOND = 1_000_000;

  /** The largest burst accepted, in tokens; with {@link #UNIT} it keeps every sum in a long. */
  public static final long MAX_BURST = 10_000_000;

  /** Units added per nanosecond: the rate in tokens per second. */
  private final long perSecond;

  /** The bucket's size, in units. */
  private final long capacity;

  /** Units in the bucket at {@link #updated}. */
  private long available;

  /** When {@link #available} was last brought up to date (System.nanoTime). */
  private long updated;

  /**
   * A full bucket.
   *
   * @param perSecond tokens added each second, 1 to {@link #MAX_PER_SECOND}
   * @param burst the bucket's size in tokens, 1 to {@link #MAX_BURST}: how many messages may arrive
   *     at once after a quiet spell
   * @param nowNanos the current {@code System.nanoTime()}
   */
  public TokenBucket(long perSecond, long burst, long nowNanos) {
    if (perSecond < 1 || perSecond > MAX_PER_SECOND) {
      throw new IllegalArgumentException("rate " + perSecond + " is outside 1.." + MAX_PER_SECOND);
    }
    if (burst < 1 || burst > MAX_BURST) {
      throw new IllegalArgumentException("burst " + burst + " is outside 1.." + MAX_BURST);
    }
    this.perSecond = perSecond;
    this.capacity = burst * UNIT;
    this.available = capacity;
    this.updated = nowNanos;
  }

  /**
   * Takes a token for one message.
   *
   * @param nowNanos the current {@code System.nanoTime()}
   * @return false when the bucket is empty: the message is over the limit (nothing is taken)
   */
  public boolean tryTake(long nowNanos) {
    long elapsed = nowNanos - updated;
    if (elapsed > 0) {
      // Past this many nanoseconds the bucket is full anyway; capping first keeps the product in
      // range (capacity <= 10^16).
      long untilFull = (capacity - available) / perSecond + 1;
      available = elapsed >= untilFull ? capacity : available + elapsed * perSecond;
      updated = nowNanos;
    }
    if (available < UNIT) {
      return false;
    }
    available -= UNIT;
    return true;
  }

  @Override
  public String toString() {
    return "TokenBucket["
        + perSecond
        + "/s, burst "
        + capacity / UNIT
        + ", "
        + available / UNIT
        + " left]";
  }
}
