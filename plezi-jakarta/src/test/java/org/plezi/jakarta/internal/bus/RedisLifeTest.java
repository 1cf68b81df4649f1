package org.plezi.jakarta.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisLifeTest {
  private static RedisLife life(String epoch, String runId) {
    return new RedisLife(epoch, runId, 1);
  }

  @Test
  void theFirstCheckIsFirst() {
    assertThat(life("e1", "r1").since(null)).isEqualTo(Change.FIRST);
  }

  @Test
  void aNewEpochMeansTheDataWasLostWhateverTheRunId() {
    assertThat(life("e2", "r1").since(life("e1", "r1"))).isEqualTo(Change.DATA_LOST);
    assertThat(life("e2", "r2").since(life("e1", "r1"))).isEqualTo(Change.DATA_LOST);
  }

  @Test
  void theSameEpochWithANewRunIdIsARestartWithItsData() {
    assertThat(life("e1", "r2").since(life("e1", "r1"))).isEqualTo(Change.RESTARTED);
  }

  @Test
  void theSameEpochAndRunIdIsTheSameRedis() {
    assertThat(life("e1", "r1").since(life("e1", "r1"))).isEqualTo(Change.SAME);
  }

  @Test
  void anUnknownRunIdLeavesOnlyTheEpochToCompare() {
    assertThat(life("e1", "").since(life("e1", "r1"))).isEqualTo(Change.SAME);
    assertThat(life("e1", "r1").since(life("e1", ""))).isEqualTo(Change.SAME);
  }

  @Test
  void anEmptyEpochIsRefused() {
    assertThatThrownBy(() -> life("", "r1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void changesOrderByHowMuchMustBeWrittenAgain() {
    assertThat(Change.SAME.atLeast(Change.DATA_LOST)).isEqualTo(Change.DATA_LOST);
    assertThat(Change.DATA_LOST.atLeast(Change.RESTARTED)).isEqualTo(Change.DATA_LOST);
    assertThat(Change.RESTARTED.atLeast(null)).isEqualTo(Change.RESTARTED);
  }
}
