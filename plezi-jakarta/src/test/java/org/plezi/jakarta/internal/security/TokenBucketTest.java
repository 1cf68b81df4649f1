package org.plezi.jakarta.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bucket runs on the clock the test gives it: no test here waits. */
class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long START = 123_456_789L;

  @Test
  void aFullBucketLetsTheBurstThroughAtOnceThenRefuses() {
    TokenBucket bucket = new TokenBucket(10, 5, START);
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.tryTake(START)).as("message " + i).isTrue();
    }
    assertThat(bucket.tryTake(START)).isFalse();
    assertThat(bucket.tryTake(START)).isFalse();
  }

  @Test
  void itRefillsAtTheRateExactly() {
    TokenBucket bucket = new TokenBucket(10, 1, START);
    assertThat(bucket.tryTake(START)).isTrue();
    assertThat(bucket.tryTake(START + SECOND / 10 - 1)).isFalse();
    assertThat(bucket.tryTake(START + SECOND / 10)).isTrue();
    assertThat(bucket.tryTake(START + SECOND / 10)).isFalse();
  }

  @Test
  void aRateThatDoesNotDivideASecondDoesNotDrift() {
    TokenBucket bucket = new TokenBucket(3, 1, START);
    assertThat(bucket.tryTake(START)).isTrue();
    int accepted = 0;
    for (long t = 1; t <= 1_000; t++) { // a message a second, under the rate, for 1000 s
      if (bucket.tryTake(START + t * SECOND)) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(1_000);
    // A message every millisecond for an hour: the two tokens the bucket starts with, then
    // exactly 3 a second (3 x 3599.999 s = 10799.997 tokens: 10799 whole ones). With a burst of
    // 2 the bucket never fills, so nothing is capped away.
    TokenBucket steady = new TokenBucket(3, 2, START);
    int inOneHour = 0;
    for (long ms = 0; ms < 3_600_000; ms++) {
      if (steady.tryTake(START + ms * 1_000_000)) {
        inOneHour++;
      }
    }
    assertThat(inOneHour).isEqualTo(2 + 10_799);
  }

  @Test
  void aQuietSpellRefillsNoMoreThanTheBurst() {
    TokenBucket bucket = new TokenBucket(1_000_000, 10_000_000, START);
    long later = START + 365L * 24 * 3600 * SECOND; // a year: the product would overflow uncapped
    int taken = 0;
    while (bucket.tryTake(later)) {
      taken++;
    }
    assertThat(taken).isEqualTo(10_000_000);
    TokenBucket small = new TokenBucket(5, 2, START);
    assertThat(small.tryTake(START)).isTrue();
    assertThat(small.tryTake(START)).isTrue();
    assertThat(small.tryTake(START + 100 * SECOND)).isTrue();
    assertThat(small.tryTake(START + 100 * SECOND)).isTrue();
    assertThat(small.tryTake(START + 100 * SECOND)).isFalse();
  }

  @Test
  void aRefusedMessageTakesNothing() {
    TokenBucket bucket = new TokenBucket(2, 1, START);
    assertThat(bucket.tryTake(START)).isTrue();
    for (int i = 0; i < 100; i++) {
      assertThat(bucket.tryTake(START + i)).isFalse();
    }
    assertThat(bucket.tryTake(START + SECOND / 2)).isTrue();
  }

  @Test
  void overAnyStretchNoMoreThanBurstPlusRateTimesTimePasses() {
    Random random = new Random(16);
    for (int round = 0; round < 200; round++) {
      long rate = 1 + random.nextInt(1_000);
      long burst = 1 + random.nextInt(100);
      TokenBucket bucket = new TokenBucket(rate, burst, START);
      List<Long> accepted = new ArrayList<>();
      long now = START;
      for (int i = 0; i < 2_000; i++) {
        now += random.nextInt(random.nextBoolean() ? 1_000 : 50_000_000);
        if (bucket.tryTake(now)) {
          accepted.add(now);
        }
      }
      for (int from = 0; from < accepted.size(); from += 37) {
        for (int to = from; to < accepted.size(); to += 53) {
          long span = accepted.get(to) - accepted.get(from);
          long allowed = burst + Math.floorDiv(span * rate, SECOND);
          assertThat((long) (to - from + 1))
              .as("round %d, %d..%d", round, from, to)
              .isLessThanOrEqualTo(allowed);
        }
      }
    }
  }

  @Test
  void ratesAndBurstsOutOfRangeAreRefused() {
    assertThatThrownBy(() -> new TokenBucket(0, 1, START))
        .hasMessage("rate 0 is outside 1..1000000");
    assertThatThrownBy(() -> new TokenBucket(1, 0, START))
        .hasMessage("burst 0 is outside 1..10000000");
    assertThatThrownBy(() -> new TokenBucket(1_000_001, 1, START))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket(1, 10_000_001, START))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
