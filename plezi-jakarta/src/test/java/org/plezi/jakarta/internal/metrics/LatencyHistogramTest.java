package org.plezi.jakarta.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.PleziMetrics;

class LatencyHistogramTest {
  @Test
  void eachLatencyFallsInTheSmallestBucketWhoseBoundHoldsIt() {
    assertThat(LatencyHistogram.index(0)).isZero();
    assertThat(LatencyHistogram.index(1)).isZero();
    assertThat(LatencyHistogram.index(2)).isEqualTo(1);
    assertThat(LatencyHistogram.index(3)).isEqualTo(2);
    assertThat(LatencyHistogram.index(4)).isEqualTo(2);
    assertThat(LatencyHistogram.index(5)).isEqualTo(3);
    assertThat(LatencyHistogram.index(1 << 25)).isEqualTo(25);
    assertThat(LatencyHistogram.index((1 << 25) + 1)).isEqualTo(26);
    assertThat(LatencyHistogram.index(Long.MAX_VALUE)).isEqualTo(26);
  }

  @Test
  void boundsArePowersOfTwoFromOneMicrosecond() {
    List<Long> bounds = LatencyHistogram.upperBoundsMicros();
    assertThat(bounds).hasSize(26).startsWith(1L, 2L, 4L).endsWith(1L << 25);
  }

  @Test
  void aSnapshotHasCountsSumMaxAndQuantiles() {
    LatencyHistogram histogram = new LatencyHistogram(true);
    for (int i = 0; i < 98; i++) {
      histogram.record(300); // bucket 512
    }
    histogram.record(5_000); // bucket 8192
    histogram.record(40_000_000); // beyond the last bound
    PleziMetrics.Latency latency = histogram.snapshot();
    assertThat(latency.count()).isEqualTo(100);
    assertThat(latency.counts().get(9)).isEqualTo(98);
    assertThat(latency.counts().get(13)).isEqualTo(1);
    assertThat(latency.counts().get(26)).isEqualTo(1);
    assertThat(latency.sumMicros()).isEqualTo(98 * 300 + 5_000 + 40_000_000);
    assertThat(latency.maxMicros()).isEqualTo(40_000_000);
    assertThat(latency.quantileMicros(0.5)).isEqualTo(512);
    assertThat(latency.quantileMicros(0.99)).isEqualTo(8192);
    assertThat(latency.quantileMicros(1)).isEqualTo(40_000_000);
    assertThat(latency.meanMicros()).isEqualTo(latency.sumMicros() / 100.0);
  }

  @Test
  void aQuantileNeverExceedsTheMaximum() {
    LatencyHistogram histogram = new LatencyHistogram(true);
    histogram.record(300);
    assertThat(histogram.snapshot().quantileMicros(0.5)).isEqualTo(300);
  }

  @Test
  void anEmptyHistogramAnswersZero() {
    PleziMetrics.Latency latency = new LatencyHistogram(true).snapshot();
    assertThat(latency.count()).isZero();
    assertThat(latency.meanMicros()).isZero();
    assertThat(latency.quantileMicros(0.99)).isZero();
    assertThatThrownBy(() -> latency.quantileMicros(1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNegativeLatencyCountsAsZeroAndAsSkewed() {
    LatencyHistogram histogram = new LatencyHistogram(true);
    histogram.record(-50);
    PleziMetrics.Latency latency = histogram.snapshot();
    assertThat(latency.counts().get(0)).isEqualTo(1);
    assertThat(latency.skewed()).isEqualTo(1);
    assertThat(latency.sumMicros()).isZero();
  }

  @Test
  void concurrentRecordingsAreAllCounted() throws InterruptedException {
    LatencyHistogram histogram = new LatencyHistogram(true);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      long value = 10L << t;
      threads.add(
          started(
              () -> {
                for (int i = 0; i < 5_000; i++) {
                  histogram.record(value);
                }
              }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    PleziMetrics.Latency latency = histogram.snapshot();
    assertThat(latency.count()).isEqualTo(20_000);
    assertThat(latency.maxMicros()).isEqualTo(80);
    assertThat(latency.sumMicros()).isEqualTo(5_000L * (10 + 20 + 40 + 80));
  }

  @Test
  void aHistogramThatIsOffRecordsNothing() {
    LatencyHistogram histogram = new LatencyHistogram(false);
    histogram.record(100);
    assertThat(histogram.snapshot().count()).isZero();
  }

  private static Thread started(Runnable task) {
    Thread thread = new Thread(task);
    thread.start();
    return thread;
  }
}
