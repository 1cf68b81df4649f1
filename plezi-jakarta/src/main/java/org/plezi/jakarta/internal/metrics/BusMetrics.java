package org.plezi.jakarta.internal.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.plezi.jakarta.PleziMetrics;

/**
 * Traffic with other servers and the cluster delivery latency of one deployment. Thread-safe; the
 * bus's listener threads write, readers take snapshots. The Redis link's state is not kept here:
 * the bus's link check keeps it ({@code internal.bus.LinkState}), and snapshots are given its
 * reconnect count.
 */
public final class BusMetrics {
  /** An envelope's kind, as published or received. */
  public enum Kind implements EnumCounters.Tagged {
    MULTICAST("multicast"),
    BROADCAST("broadcast"),
    /** A unicast, identity mail included. */
    UNICAST("unicast"),
    /** An answer to another server's unicast (delivered or failed). */
    REPLY("reply");

    private final String tag;

    Kind(String tag) {
      this.tag = tag;
    }

    @Override
    public String tag() {
      return tag;
    }
  }

  /** Sent times further than this from now (either way) are not believed: not measured. */
  static final long MAX_CLOCK_GAP_MICROS = 3_600_000_000L;

  private final EnumCounters<Kind> published;
  private final EnumCounters<Kind> received;
  private final Counter rejected;
  private final Counter foreign;
  private final Counter publishFailures;
  private final LatencyHistogram latency;
  private final Clock clock;
  private final boolean enabled;

  BusMetrics(boolean enabled, Clock clock) {
    this.enabled = enabled;
    this.published = new EnumCounters<>(Kind.class, enabled);
    this.received = new EnumCounters<>(Kind.class, enabled);
    this.rejected = new Counter(enabled);
    this.foreign = new Counter(enabled);
    this.publishFailures = new Counter(enabled);
    this.latency = new LatencyHistogram(enabled);
    this.clock = clock;
  }

  /** Bus counts outside a deployment (tests, benchmarks), on the system clock. */
  public static BusMetrics standalone(boolean enabled) {
    return new BusMetrics(enabled, Clock.systemUTC());
  }

  /** Whether counting is on ({@code plezi.metrics.enabled}). */
  public boolean enabled() {
    return enabled;
  }

  public void published(Kind kind) {
    published.increment(kind);
  }

  public void received(Kind kind) {
    received.increment(kind);
  }

  /** A payload the decoder refused. */
  public void rejected() {
    rejected.increment();
  }

  /** A payload that was not an envelope. */
  public void foreign() {
    foreign.increment();
  }

  /** A message that could not be published. */
  public void publishFailed() {
    publishFailures.increment();
  }

  /** Now, as the {@code _pl_sent} value of an envelope: microseconds since the epoch, UTC. */
  public long nowMicros() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /**
   * Records the latency of an envelope that carried {@code _pl_sent}; a value that is not an
   * integer, or more than an hour away from now, is ignored.
   *
   * @param sent the envelope's {@code _pl_sent} value as decoded, or null when absent
   */
  public void receivedSentAt(Object sent) {
    if (!(sent instanceof Integer || sent instanceof Long)) {
      return;
    }
    long elapsed = nowMicros() - ((Number) sent).longValue();
    if (Math.abs(elapsed) <= MAX_CLOCK_GAP_MICROS) {
      latency.record(elapsed);
    }
  }

  /**
   * @param type {@code local} or {@code redis}
   * @param reconnects the link's reconnects as the bus counts them (reported as 0 when off)
   */
  public PleziMetrics.Bus snapshot(String type, long reconnects) {
    Map<String, Long> out = published.snapshot();
    Map<String, Long> in = received.snapshot();
    return new PleziMetrics.Bus(
        type,
        out,
        in,
        rejected.sum(),
        foreign.sum(),
        publishFailures.sum(),
        enabled ? reconnects : 0,
        latency.snapshot());
  }
}
