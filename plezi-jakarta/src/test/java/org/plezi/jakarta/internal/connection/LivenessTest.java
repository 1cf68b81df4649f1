package org.plezi.jakarta.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plezi.jakarta.internal.connection.Liveness.Verdict;

/** The heartbeat's decisions for one connection, on a clock the test moves (#18). */
class LivenessTest {
  private static final long MS = 1_000_000;

  @Test
  void silenceForTheIntervalPingsAndAnUnansweredPingIsDeadAfterTheTimeout() {
    long start = System.nanoTime();
    Liveness liveness = new Liveness(start);
    assertThat(liveness.check(start + 299 * MS, 300 * MS, 500 * MS, 0)).isEqualTo(Verdict.NONE);
    assertThat(liveness.check(start + 300 * MS, 300 * MS, 500 * MS, 0)).isEqualTo(Verdict.PING);
    assertThat(liveness.check(start + 800 * MS, 300 * MS, 500 * MS, 0)).isEqualTo(Verdict.NONE);
    assertThat(liveness.check(start + 801 * MS, 300 * MS, 500 * MS, 0)).isEqualTo(Verdict.DEAD);
    // Given up once: no second verdict.
    assertThat(liveness.check(start + 9_000 * MS, 300 * MS, 500 * MS, 0)).isEqualTo(Verdict.NONE);
  }

  @Test
  void anAnswerEndsTheWaitAndTheNextPingComesAfterTheNextSilence() throws Exception {
    long start = System.nanoTime() - 10_000 * MS;
    Liveness liveness = new Liveness(start);
    long pinged = System.nanoTime() - 100 * MS;
    assertThat(liveness.check(pinged, 300 * MS, 500 * MS, 0)).isEqualTo(Verdict.PING);
    liveness.heard(false); // a pong, now (after the ping)
    long now = System.nanoTime();
    assertThat(liveness.check(now + 499 * MS, 300 * MS, 500 * MS, 0)).isEqualTo(Verdict.PING);
  }

  @Test
  void idleCountsApplicationFramesOnlyAndIsOffAtZero() {
    long start = System.nanoTime() - 10_000 * MS;
    Liveness liveness = new Liveness(start);
    assertThat(liveness.check(start + 5_000 * MS, 0, 500 * MS, 0)).isEqualTo(Verdict.NONE);
    liveness.heard(false); // pongs and heartbeats keep it alive, not busy
    assertThat(liveness.check(System.nanoTime(), 0, 500 * MS, 1_000 * MS)).isEqualTo(Verdict.IDLE);
    Liveness talking = new Liveness(start);
    talking.heard(true);
    assertThat(talking.check(System.nanoTime(), 0, 500 * MS, 1_000 * MS)).isEqualTo(Verdict.NONE);
  }

  @Test
  void pingsOffNeverPingsNorDeclaresDead() {
    long start = System.nanoTime();
    Liveness liveness = new Liveness(start);
    assertThat(liveness.check(start + 3_600_000 * MS, 0, 500 * MS, 0)).isEqualTo(Verdict.NONE);
  }
}
