package org.plezi.jakarta.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.PleziMetrics;
import org.plezi.jakarta.internal.metrics.BusMetrics.Kind;

class BusMetricsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.000250Z");
  private final BusMetrics bus = new BusMetrics(true, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void nowIsMicrosecondsSinceTheEpoch() {
    assertThat(bus.nowMicros()).isEqualTo(NOW.getEpochSecond() * 1_000_000 + 250);
  }

  @Test
  void aSentTimeGivesTheLatencyToNow() {
    bus.receivedSentAt(bus.nowMicros() - 1_500);
    bus.receivedSentAt(Long.valueOf(bus.nowMicros() - 3));
    PleziMetrics.Latency latency = bus.snapshot("redis", 0).latency();
    assertThat(latency.count()).isEqualTo(2);
    assertThat(latency.sumMicros()).isEqualTo(1_503);
    assertThat(latency.maxMicros()).isEqualTo(1_500);
  }

  @Test
  void aSentTimeThatIsNotAWholeNumberOrFarFromNowIsIgnored() {
    bus.receivedSentAt(null);
    bus.receivedSentAt("1764583200000000");
    bus.receivedSentAt(1.5e15);
    bus.receivedSentAt(java.math.BigInteger.TEN.pow(30));
    bus.receivedSentAt(bus.nowMicros() - BusMetrics.MAX_CLOCK_GAP_MICROS - 1);
    bus.receivedSentAt(bus.nowMicros() + BusMetrics.MAX_CLOCK_GAP_MICROS + 1);
    bus.receivedSentAt(12); // 1970
    assertThat(bus.snapshot("redis", 0).latency().count()).isZero();
  }

  @Test
  void aSenderAheadOfThisClockCountsAsSkewed() {
    bus.receivedSentAt(bus.nowMicros() + 200);
    PleziMetrics.Latency latency = bus.snapshot("redis", 0).latency();
    assertThat(latency.count()).isEqualTo(1);
    assertThat(latency.skewed()).isEqualTo(1);
  }

  @Test
  void trafficIsCountedByKind() {
    bus.published(Kind.MULTICAST);
    bus.published(Kind.UNICAST);
    bus.received(Kind.BROADCAST);
    bus.received(Kind.REPLY);
    bus.rejected();
    bus.foreign();
    bus.publishFailed();
    PleziMetrics.Bus snapshot = bus.snapshot("redis", 0);
    assertThat(snapshot.published())
        .containsEntry("multicast", 1L)
        .containsEntry("unicast", 1L)
        .containsEntry("broadcast", 0L)
        .containsEntry("reply", 0L);
    assertThat(snapshot.received()).containsEntry("broadcast", 1L).containsEntry("reply", 1L);
    assertThat(snapshot.rejected()).isEqualTo(1);
    assertThat(snapshot.foreign()).isEqualTo(1);
    assertThat(snapshot.publishFailures()).isEqualTo(1);
  }

  @Test
  void reconnectsAreTheBussCountAndZeroWhenMetricsAreOff() {
    assertThat(bus.snapshot("redis", 2).reconnects()).isEqualTo(2);
    assertThat(BusMetrics.standalone(false).snapshot("redis", 2).reconnects()).isZero();
  }
}
