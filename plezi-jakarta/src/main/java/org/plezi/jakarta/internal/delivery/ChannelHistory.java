package org.plezi.jakarta.internal.delivery;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.plezi.jakarta.internal.base.HistoryRules;
import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.ChannelMessage;
import org.plezi.jakarta.internal.bus.ChannelPosition;
import org.plezi.jakarta.internal.bus.HistoryStore;
import org.plezi.jakarta.internal.bus.LocalHistoryStore;
import org.plezi.jakarta.internal.connection.ChannelCursors;
import org.plezi.jakarta.internal.connection.Connection;

/**
 * Channel history on this server (issue 18): which publications are kept ({@code publish} events of
 * the channels whose rule keeps some: {@code plezi.channels.historySize}, or the channel's rule of
 * {@code plezi.channels.history}; not raw text, which no reply can carry a position with, and not
 * presence events, which {@code presence(channel)} reads again), the store they are kept in, and
 * what the connections' cursors read.
 *
 * <p>Off by default: each channel then keeps up to that many messages in memory (or a stream in
 * Redis), and each publication costs a store write and, for event methods that reply nothing, one
 * small frame more per subscriber; a channel of live signals (cursors, typing) gains nothing from a
 * replay.
 *
 * <p>Thread-safety: configured once at start-up, before any connection opens; then read-only, the
 * store being thread-safe.
 */
public final class ChannelHistory implements ChannelCursors.Source {
  private final ChannelRegistry channels;

  /** Null while off or kept by the bus. Set once at start-up. */
  private volatile LocalHistoryStore store;

  /** The bus that keeps the cluster's history (Redis); null when kept here or off. */
  private volatile Bus cluster;

  /** What each channel keeps; set once at start-up. */
  private volatile HistoryRules rules = HistoryRules.uniform(0, 1);

  ChannelHistory(ChannelRegistry channels) {
    this.channels = channels;
  }

  /**
   * Keeps up to {@code size} publications of each channel for {@code maxAgeMillis}; 0: off. At
   * start-up.
   */
  public void configure(int size, long maxAgeMillis, Bus bus) {
    configure(HistoryRules.uniform(size, maxAgeMillis), bus);
  }

  /** Keeps what {@code rules} say per channel ({@code plezi.channels.history}). At start-up. */
  public void configure(HistoryRules rules, Bus bus) {
    this.rules = rules;
    boolean on = rules.keepsAny();
    boolean clustered = on && bus.keepsChannelHistory();
    cluster = clustered ? bus : null;
    store = !on || clustered ? null : new LocalHistoryStore(rules, System::nanoTime);
  }

  /** Whether some channels keep history. */
  public boolean isOn() {
    return store != null || cluster != null;
  }

  /** Whether {@code channel} keeps history. */
  boolean keeps(String channel) {
    return isOn() && rules.of(channel).keeps();
  }

  /** Whether {@code message} is kept by the cluster's bus ({@link #publishKept}). */
  boolean keptByCluster(ChannelMessage message) {
    return cluster != null
        && !message.isRaw()
        && !isPresence(message.event())
        && rules.of(message.channel()).keeps();
  }

  /**
   * Keeps {@code message} in the cluster's history and publishes it there.
   *
   * @throws IllegalArgumentException as the bus's publish
   */
  CompletionStage<ChannelMessage> publishKept(ChannelMessage message) {
    HistoryRules.Bounds bounds = rules.of(message.channel());
    return cluster.publishChannelKept(message, bounds.size(), bounds.maxAgeMillis());
  }

  /** {@code message} at its new place in its channel's history, or as it is if not kept. */
  ChannelMessage record(ChannelMessage message) {
    LocalHistoryStore current = store;
    if (current == null || message.isRaw() || isPresence(message.event())) {
      return message;
    }
    ChannelPosition at = current.append(message.channel(), message.event(), message.args());
    return at == null ? message : message.at(at);
  }

  private static boolean isPresence(String event) {
    return Presence.JOIN.equals(event) || Presence.LEAVE.equals(event);
  }

  @Override
  public boolean listensForEvents(Connection connection, String channel) {
    return channels.listensForEvents(connection, channel);
  }

  @Override
  public List<HistoryStore.Entry> read(String channel, String epoch, long after, long before) {
    HistoryRules.Bounds bounds = rules.of(channel);
    if (!bounds.keeps()) {
      return null; // a channel without history: nothing to recover
    }
    Bus clustered = cluster;
    if (clustered != null) {
      return clustered.readChannelHistory(channel, epoch, after, before, bounds.maxAgeMillis());
    }
    HistoryStore current = store;
    return current == null ? null : current.read(channel, epoch, after, before);
  }
}
