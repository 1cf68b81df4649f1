package org.plezi.bench;

/**
 * Latencies in microseconds, log-linear buckets: exact up to 2,048 µs, then 1,024 buckets per power
 * of two (0.1 % resolution). Not thread-safe: one recording thread, read after it stops.
 */
public final class LatencyHistogram {
  private static final int LINEAR = 2048;
  private static final int SUB_BITS = 10;
  private static final int SUB = 1 << SUB_BITS;

  /** Enough powers of two for 2^48 µs (about 9 years). */
  private final long[] counts = new long[LINEAR + (48 - 11) * SUB];

  private long total;
  private long max;
  private double sum;

  /** Records one latency in nanoseconds; negative values (clock skew) count as zero. */
  public void recordNanos(long nanos) {
    long micros = Math.max(0, nanos / 1_000);
    counts[index(micros)]++;
    total++;
    sum += micros;
    max = Math.max(max, micros);
  }

  public long count() {
    return total;
  }

  public long maxMicros() {
    return max;
  }

  public double meanMicros() {
    return total == 0 ? 0 : sum / total;
  }

  /**
   * The smallest recorded bucket value with at least {@code percentile} % of the samples at or
   * below it, in microseconds (the bucket's lower bound); 0 when empty.
   */
  public long percentileMicros(double percentile) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return valueOf(i);
      }
    }
    return max;
  }

  /** Adds another histogram's samples to this one. */
  public void add(LatencyHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    sum += other.sum;
    max = Math.max(max, other.max);
  }

  static int index(long micros) {
    if (micros < LINEAR) {
      return (int) micros;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(micros); // >= 11
    int sub = (int) ((micros >>> (exponent - SUB_BITS)) & (SUB - 1));
    int index = LINEAR + (exponent - 11) * SUB + sub;
    return Math.min(index, LINEAR + (48 - 11) * SUB - 1);
  }

  static long valueOf(int index) {
    if (index < LINEAR) {
      return index;
    }
    int exponent = (index - LINEAR) / SUB + 11;
    int sub = (index - LINEAR) % SUB;
    return (1L << exponent) | ((long) sub << (exponent - SUB_BITS));
  }
}
