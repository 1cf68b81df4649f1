package org.plezi.jakarta.internal.metrics;

import org.plezi.jakarta.PleziMetrics;

/**
 * Channel and presence counts of one deployment (issue 17): publishes counted as they happen, the
 * sizes sampled when a snapshot is taken. Thread-safe.
 */
public final class ChannelMetrics {
  /** What a snapshot samples from the live registry. */
  public interface Gauges {
    /** Channels with a local subscriber. */
    long channels();

    /** Local subscriptions (a connection in two channels counts twice). */
    long subscriptions();

    /** (channel, member) pairs this server holds in presence; several tabs count once. */
    long presenceMembers();
  }

  private final Counter published;
  private final Counter rawPublished;

  ChannelMetrics(boolean enabled) {
    this.published = new Counter(enabled);
    this.rawPublished = new Counter(enabled);
  }

  /** Channel counts outside a deployment (tests). */
  public static ChannelMetrics standalone(boolean enabled) {
    return new ChannelMetrics(enabled);
  }

  /** A publish from this server (an event, or raw text when {@code raw}). */
  public void published(boolean raw) {
    (raw ? rawPublished : published).increment();
  }

  /** The counts, with the sizes sampled now ({@code gauges} null: none). */
  PleziMetrics.Channels snapshot(Gauges gauges) {
    return new PleziMetrics.Channels(
        gauges == null ? 0 : gauges.channels(),
        gauges == null ? 0 : gauges.subscriptions(),
        gauges == null ? 0 : gauges.presenceMembers(),
        published.sum(),
        rawPublished.sum());
  }
}
