package org.plezi.jakarta.internal.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.plezi.jakarta.PleziMetrics;

/**
 * Latencies in microseconds, counted in {@value #BUCKETS} buckets whose upper bounds are the powers
 * of two from 1 µs to 2^{@value #LAST_POWER} µs (about 33.5 s), then one for anything longer.
 * Lock-free: recording is an index computed from the leading zeros, one atomic increment, one
 * {@code LongAdder} add, and a compare-and-set only when the maximum grows. Reading is not an
 * atomic snapshot: a concurrent record may show in the sum but not yet in its bucket.
 *
 * <p>A negative latency (the sender's clock is ahead of this server's) is recorded as 0 and also
 * counted as skewed.
 */
public final class LatencyHistogram {
  /** The largest finite upper bound is 2 to this power, in microseconds. */
  static final int LAST_POWER = 25;

  /** Finite buckets plus the one for longer latencies. */
  static final int BUCKETS = LAST_POWER + 2;

  private final boolean enabled;

  /** Recordings per bucket; bucket i holds latencies in (2^(i-1), 2^i] µs, bucket 0 up to 1 µs. */
  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  /** The sum of every recorded latency, in microseconds. */
  private final LongAdder sumMicros = new LongAdder();

  /** The largest latency recorded, in microseconds. */
  private final AtomicLong maxMicros = new AtomicLong();

  /** Recordings whose latency was negative. */
  private final LongAdder skewed = new LongAdder();

  public LatencyHistogram(boolean enabled) {
    this.enabled = enabled;
  }

  /** Records one latency in microseconds. */
  public void record(long micros) {
    if (!enabled) {
      return;
    }
    if (micros < 0) {
      skewed.increment();
      micros = 0;
    }
    counts.incrementAndGet(index(micros));
    sumMicros.add(micros);
    long max = maxMicros.get();
    while (micros > max && !maxMicros.compareAndSet(max, micros)) {
      max = maxMicros.get();
    }
  }

  /** The bucket of a latency: the smallest i with micros <= 2^i, or the last. */
  static int index(long micros) {
    if (micros <= 1) {
      return 0;
    }
    int power = 64 - Long.numberOfLeadingZeros(micros - 1);
    return Math.min(power, BUCKETS - 1);
  }

  /** The finite upper bounds in microseconds, in increasing order. */
  public static List<Long> upperBoundsMicros() {
    List<Long> bounds = new ArrayList<>(BUCKETS - 1);
    for (int i = 0; i <= LAST_POWER; i++) {
      bounds.add(1L << i);
    }
    return List.copyOf(bounds);
  }

  /** What has been recorded so far. */
  public PleziMetrics.Latency snapshot() {
    List<Long> buckets = new ArrayList<>(BUCKETS);
    for (int i = 0; i < BUCKETS; i++) {
      buckets.add(counts.get(i));
    }
    return new PleziMetrics.Latency(
        upperBoundsMicros(), buckets, sumMicros.sum(), maxMicros.get(), skewed.sum());
  }
}
