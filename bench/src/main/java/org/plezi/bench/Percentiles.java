package org.plezi.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a small sample (the shootout's 20 round trips). */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The smallest value with at least {@code percentile} % of the sample at or below it: of 20
   * values, p50 is the 10th smallest, p95 the 19th, p100 the largest.
   *
   * @throws IllegalArgumentException for an empty sample or a percentile outside (0, 100]
   */
  public static long nearestRank(long[] values, double percentile) {
    if (values.length == 0) {
      throw new IllegalArgumentException("empty sample");
    }
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile " + percentile + " is not in (0, 100]");
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }
}
