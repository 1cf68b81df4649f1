package org.plezi.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
  /** 20 round trips, 1 to 20, shuffled. */
  private static final long[] TWENTY = {
    7, 20, 3, 14, 1, 9, 18, 5, 12, 16, 2, 11, 19, 6, 15, 4, 10, 17, 8, 13
  };

  @Test
  void ofTwentyValuesP50IsTheTenthAndP95TheNineteenth() {
    assertThat(Percentiles.nearestRank(TWENTY, 50)).isEqualTo(10);
    assertThat(Percentiles.nearestRank(TWENTY, 95)).isEqualTo(19);
    assertThat(Percentiles.nearestRank(TWENTY, 100)).isEqualTo(20);
  }

  @Test
  void oneSlowRoundTripOfTwentyDoesNotMoveP95ButTwoDo() {
    long[] one = LongStream.range(0, 20).map(i -> i == 3 ? 900 : 100).toArray();
    long[] two = LongStream.range(0, 20).map(i -> i == 3 || i == 17 ? 900 : 100).toArray();
    assertThat(Percentiles.nearestRank(one, 95)).isEqualTo(100);
    assertThat(Percentiles.nearestRank(two, 95)).isEqualTo(900);
  }

  @Test
  void theSampleIsLeftAsItWas() {
    long[] sample = {3, 1, 2};
    Percentiles.nearestRank(sample, 50);
    assertThat(sample).containsExactly(3, 1, 2);
  }

  @Test
  void aSingleValueIsEveryPercentile() {
    assertThat(Percentiles.nearestRank(new long[] {42}, 0.1)).isEqualTo(42);
    assertThat(Percentiles.nearestRank(new long[] {42}, 100)).isEqualTo(42);
  }

  @Test
  void anEmptySampleOrAPercentileOutOfRangeIsRefused() {
    assertThatThrownBy(() -> Percentiles.nearestRank(new long[0], 50))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.nearestRank(TWENTY, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.nearestRank(TWENTY, 100.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.nearestRank(TWENTY, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
