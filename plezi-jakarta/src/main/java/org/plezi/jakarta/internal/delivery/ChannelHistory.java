package org.plezi.jakarta.internal.delivery;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.ChannelMessage;
import org.plezi.jakarta.internal.bus.ChannelPosition;
import org.plezi.jakarta.internal.bus.HistoryStore;
import org.plezi.jakarta.internal.bus.LocalHistoryStore;
import org.plezi.jakarta.internal.connection.ChannelCursors;
import org.plezi.jakarta.internal.connection.Connection;

/**
 * Channel history on this server (issue 18): which publications are kept ({@code publish} events,
 * when {@code plezi.channels.historySize} is not 0; not raw text, which no reply can carry a
 * position with, and not presence events, which {@code presence(channel)} reads again), the store
 * they are kept in, and what the connections' cursors read.
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

  /** The bounds; set once at start-up. */
  private volatile int size;

  private volatile long maxAgeMillis;

  ChannelHistory(ChannelRegistry channels) {
    this.channels = channels;
  }

  /**
   * Keeps up to {@code size} publications of each channel for {@code maxAgeMillis}; 0: off. At
   * start-up.
   */
  public void configure(int size, long maxAgeMillis, Bus bus) {
    this.size = size;
    this.maxAgeMillis = maxAgeMillis;
    boolean clustered = size > 0 && bus.keepsChannelHistory();
    cluster = clustered ? bus : null;
    store =
        size == 0 || clustered ? null : new LocalHistoryStore(size, maxAgeMillis, System::nanoTime);
  }

  /** Whether channels keep history. */
  public boolean isOn() {
    return store != null || cluster != null;
  }

  /** Whether {@code message} is kept by the cluster's bus ({@link #publishKept}). */
  boolean keptByCluster(ChannelMessage message) {
    return cluster != null && !message.isRaw() && !isPresence(message.event());
  }

  /**
   * Keeps {@code message} in the cluster's history and publishes it there.
   *
   * @throws IllegalArgumentException as the bus's publish
   */
  CompletionStage<ChannelMessage> publishKept(ChannelMessage message) {
    return cluster.publishChannelKept(message, size, maxAgeMillis);
  }

  /** {@code message} at its new place in its channel's history, or as it is if not kept. */
  ChannelMessage record(ChannelMessage message) {
    LocalHistoryStore current = store;
    if (current == null || message.isRaw() || isPresence(message.event())) {
      return message;
    }
    ChannelPosition at = current.append(message.channel(), message.event(), message.args());
    return message.at(at);
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
    Bus clustered = cluster;
    if (clustered != null) {
      return clustered.readChannelHistory(channel, epoch, after, before, maxAgeMillis);
    }
    HistoryStore current = store;
    return current == null ? null : current.read(channel, epoch, after, before);
  }
}
