package org.plezi.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void percentilesOfSmallValuesAreExact() {
    LatencyHistogram h = new LatencyHistogram();
    for (int micros = 1; micros <= 100; micros++) {
      h.recordNanos(micros * 1_000L);
    }
    assertThat(h.count()).isEqualTo(100);
    assertThat(h.percentileMicros(50)).isEqualTo(50);
    assertThat(h.percentileMicros(99)).isEqualTo(99);
    assertThat(h.percentileMicros(100)).isEqualTo(100);
    assertThat(h.maxMicros()).isEqualTo(100);
    assertThat(h.meanMicros()).isEqualTo(50.5);
  }

  @Test
  void largeValuesKeepATenthOfAPercentResolution() {
    for (long micros : new long[] {2_048, 5_000, 123_456, 9_876_543, 3_600_000_000L}) {
      LatencyHistogram h = new LatencyHistogram();
      h.recordNanos(micros * 1_000);
      assertThat((double) h.percentileMicros(50)).isCloseTo(micros, within(micros * 0.001));
      assertThat(h.percentileMicros(50)).isLessThanOrEqualTo(micros);
    }
  }

  @Test
  void bucketsAreOrderedSoPercentilesNeverDecrease() {
    long previous = -1;
    for (int i = 0; i < 2048 + 30 * 1024; i += 7) {
      long value = LatencyHistogram.valueOf(i);
      assertThat(value).isGreaterThan(previous);
      assertThat(LatencyHistogram.index(value)).isEqualTo(i);
      previous = value;
    }
  }

  @Test
  void negativeLatenciesFromClockSkewCountAsZero() {
    LatencyHistogram h = new LatencyHistogram();
    h.recordNanos(-5_000);
    assertThat(h.percentileMicros(50)).isZero();
    assertThat(h.count()).isEqualTo(1);
  }

  @Test
  void anEmptyHistogramReportsZero() {
    assertThat(new LatencyHistogram().percentileMicros(99)).isZero();
  }

  @Test
  void addingMergesCountsAndExtremes() {
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    a.recordNanos(1_000);
    b.recordNanos(3_000_000);
    a.add(b);
    assertThat(a.count()).isEqualTo(2);
    assertThat(a.maxMicros()).isEqualTo(3_000);
  }
}
