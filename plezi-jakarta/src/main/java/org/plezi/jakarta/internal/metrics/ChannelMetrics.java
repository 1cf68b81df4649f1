package org.plezi.jakarta.internal.metrics;

import org.plezi.jakarta.PleziMetrics;

/**
 * Channel and presence counts of one deployment (issue 17): messages counted as they are published,
 * received and delivered, the sizes sampled when a snapshot is taken. Thread-safe; counting is an
 * array read and a {@code LongAdder} add, once per message (a fan-out adds its deliveries once).
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

  /** A channel message's mode: an event or raw text. */
  public enum Mode implements EnumCounters.Tagged {
    EVENT("event"),
    RAW("raw");

    private final String tag;

    Mode(String tag) {
      this.tag = tag;
    }

    /** The mode of a message that is raw text when {@code raw}. */
    public static Mode of(boolean raw) {
      return raw ? RAW : EVENT;
    }

    @Override
    public String tag() {
      return tag;
    }
  }

  private final EnumCounters<Mode> published;
  private final EnumCounters<Mode> received;
  private final EnumCounters<Mode> delivered;

  ChannelMetrics(boolean enabled) {
    this.published = new EnumCounters<>(Mode.class, enabled);
    this.received = new EnumCounters<>(Mode.class, enabled);
    this.delivered = new EnumCounters<>(Mode.class, enabled);
  }

  /** Channel counts outside a deployment (tests). */
  public static ChannelMetrics standalone(boolean enabled) {
    return new ChannelMetrics(enabled);
  }

  /** A publish from this server (an event, or raw text when {@code raw}). */
  public void published(boolean raw) {
    published.increment(Mode.of(raw));
  }

  /** A message from another server or another program, received over the bus. */
  public void received(boolean raw) {
    received.increment(Mode.of(raw));
  }

  /** {@code subscribers} local subscribers were handed one message (0: none). */
  public void delivered(boolean raw, int subscribers) {
    if (subscribers > 0) {
      delivered.add(Mode.of(raw), subscribers);
    }
  }

  /** The counts, with the sizes sampled now ({@code gauges} null: none). */
  PleziMetrics.Channels snapshot(Gauges gauges) {
    return new PleziMetrics.Channels(
        gauges == null ? 0 : gauges.channels(),
        gauges == null ? 0 : gauges.subscriptions(),
        gauges == null ? 0 : gauges.presenceMembers(),
        published.snapshot(),
        received.snapshot(),
        delivered.snapshot());
  }
}
