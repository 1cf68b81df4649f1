package org.plezi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryTallyTest {
  @Test
  void everyConnectionGettingEveryBroadcastOnceIsNeitherMissingNorExtra() {
    DeliveryTally tally = new DeliveryTally(3, 4, 20);
    for (int c = 0; c < 4; c++) {
      for (int id = 19; id >= 0; id--) { // any order
        assertThat(tally.received(c, 3, id)).isTrue();
      }
    }
    assertThat(tally.received()).isEqualTo(80);
    assertThat(tally.expected()).isEqualTo(80);
    assertThat(tally.missing()).isZero();
    assertThat(tally.extra()).isZero();
  }

  @Test
  void aDuplicateHereAndALossThereDoNotCancelOut() {
    DeliveryTally tally = new DeliveryTally(0, 2, 2);
    tally.received(0, 0, 0);
    tally.received(0, 0, 0); // connection 0 twice, never broadcast 1
    tally.received(1, 0, 1);
    tally.received(1, 0, 1); // connection 1 twice, never broadcast 0
    assertThat(tally.received()).isEqualTo(tally.expected()); // the totals match...
    assertThat(tally.missing()).isEqualTo(2); // ...but two are missing
    assertThat(tally.extra()).isEqualTo(2); // and two are extra
  }

  @Test
  void broadcastsOfAnotherStepOrUnknownNumbersOrConnectionsAreExtra() {
    DeliveryTally tally = new DeliveryTally(5, 2, 3);
    assertThat(tally.received(0, 4, 0)).isFalse(); // late, from the step before
    assertThat(tally.received(0, 5, 3)).isFalse(); // no such broadcast
    assertThat(tally.received(0, 5, -1)).isFalse(); // unreadable
    assertThat(tally.received(2, 5, 0)).isFalse(); // no such connection
    assertThat(tally.extra()).isEqualTo(4);
    assertThat(tally.missing()).isEqualTo(6);
  }

  @Test
  void moreThan64BroadcastsPerStepAreCountedPerBit() {
    DeliveryTally tally = new DeliveryTally(1, 3, 130);
    for (int c = 0; c < 3; c++) {
      for (int id = 0; id < 130; id++) {
        if (!(c == 1 && id == 64)) {
          tally.received(c, 1, id);
        }
      }
    }
    assertThat(tally.missing()).isEqualTo(1);
    assertThat(tally.extra()).isZero();
    assertThat(tally.received(1, 1, 64)).isTrue();
    assertThat(tally.received(2, 1, 129)).isFalse();
    assertThat(tally.missing()).isZero();
    assertThat(tally.extra()).isEqualTo(1);
  }

  @Test
  void nothingReceivedIsAllMissing() {
    assertThat(new DeliveryTally(0, 1_000, 20).missing()).isEqualTo(20_000);
  }
}
