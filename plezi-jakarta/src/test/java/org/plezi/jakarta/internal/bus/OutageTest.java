package org.plezi.jakarta.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.testing.RecordingLogger;

class OutageTest {
  private final RecordingLogger log = new RecordingLogger();
  private final AtomicLong nanos = new AtomicLong();
  private final Outage outage =
      new Outage(
          log, Clock.fixed(Instant.parse("2026-12-01T12:01:07.250Z"), ZoneOffset.UTC), nanos::get);

  @Test
  void aThousandFailuresOfOneOutageLogOneWarningAndOneInfoWithTheLengthAndCount() {
    assertThat(outage.failed("RedisConnectionException: refused")).isTrue();
    for (int i = 0; i < 999; i++) {
      assertThat(outage.failed("RedisTimeoutException")).isFalse();
    }
    nanos.addAndGet(12_400_000_000L);
    assertThat(outage.recovered()).isTrue();

    assertThat(log.lines()).hasSize(2);
    assertThat(log.lines().get(0).level()).isEqualTo(Level.WARNING);
    assertThat(log.lines().get(0).text())
        .contains("Redis cannot be reached (RedisConnectionException: refused)")
        .contains("registerAs and notify throw IllegalStateException");
    assertThat(log.lines().get(1).level()).isEqualTo(Level.INFO);
    assertThat(log.lines().get(1).text())
        .isEqualTo(
            "Plezi: Redis is back after 12 s (unreachable since 12:01:07); "
                + "1000 operations failed meanwhile");
  }

  @Test
  void aSecondOutageLogsAgainAndCountsApart() {
    outage.failed("first");
    outage.recovered();
    outage.failed("second");
    nanos.addAndGet(3_000_000);
    outage.recovered();

    assertThat(outage.count()).isEqualTo(2);
    assertThat(log.count(Level.WARNING)).isEqualTo(2);
    assertThat(log.lines().get(3).text())
        .contains("back after 3 ms")
        .contains("1 operation failed");
  }

  @Test
  void anOutageUnderWayIsNotYetAReconnect() {
    assertThat(outage.ended()).isZero();
    outage.failed("first");
    assertThat(outage.ended()).isZero();
    outage.recovered();
    assertThat(outage.ended()).isEqualTo(1);
    outage.failed("second");
    assertThat(outage.count()).isEqualTo(2);
    assertThat(outage.ended()).isEqualTo(1);
  }

  @Test
  void recoveringWithoutAnOutageLogsNothing() {
    assertThat(outage.recovered()).isFalse();
    assertThat(outage.isDown()).isFalse();
    assertThat(log.lines()).isEmpty();
  }

  @Test
  void aCallRefusedDuringTheOutageSaysSinceWhenAndWhyAndIsCounted() {
    outage.failed("RedisConnectionException: refused");
    IllegalStateException refused = outage.unavailable(null);
    assertThat(refused)
        .hasMessage(
            "Plezi: Redis cannot be reached since 12:01:07 "
                + "(RedisConnectionException: refused)")
        .hasNoCause();
    outage.recovered();
    assertThat(log.lines().get(1).text()).contains("2 operations failed");
  }

  @Test
  void theExceptionForAFailedCallCarriesItsCauseWithoutCountingItTwice() {
    RuntimeException cause = new RuntimeException("boom");
    outage.failed(Healer.reason(cause));
    assertThat(outage.unavailable(cause)).hasCause(cause);
    outage.recovered();
    assertThat(log.lines().get(1).text()).contains("1 operation failed");
  }

  @Test
  void failuresFromManyThreadsAtOnceStartOneOutage() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    AtomicLong started = new AtomicLong();
    for (int t = 0; t < 8; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 1000; i++) {
                  if (outage.failed("timeout")) {
                    started.incrementAndGet();
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    outage.recovered();
    assertThat(started.get()).isEqualTo(1);
    assertThat(log.lines()).hasSize(2);
    assertThat(log.lines().get(1).text()).contains("8000 operations failed");
  }
}
