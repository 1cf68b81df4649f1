package org.plezi.jakarta.internal.delivery;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.plezi.jakarta.ChannelMode;
import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.ChannelMessage;
import org.plezi.jakarta.internal.bus.ChannelNames;
import org.plezi.jakarta.internal.bus.ChannelPosition;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.connection.Inbox;
import org.plezi.jakarta.internal.hooks.ControllerConnection;
import org.plezi.jakarta.internal.metrics.ChannelMetrics;

/**
 * This server's channel subscriptions (issue 17): which local connections listen to which channel,
 * in which mode, and the bus told to receive a channel from other servers from its first local
 * subscriber to its last. Thread-safe and lock-free for delivery: a publish reads one concurrent
 * map and walks its channel's subscribers (weakly consistent: a subscriber present for the whole of
 * a publish is always reached).
 *
 * <p>Subscribe and unsubscribe change a channel's entry inside {@link ConcurrentHashMap#compute},
 * which also tells the bus of the first subscriber and of the last: the bus's calls there only
 * queue asynchronous Redis commands (in order, per channel), never block, and never call back. The
 * channels of one connection are counted in a map of their own, bounded by {@code
 * plezi.channels.maxPerConnection}; a connection that closes leaves them all ({@link #leave}).
 */
public final class ChannelRegistry {
  private final Messaging messaging;

  /** Channel name to its local subscribers and their modes; an entry has one subscriber or more. */
  private final ConcurrentHashMap<String, Map<Connection, ChannelMode>> channels =
      new ConcurrentHashMap<>();

  /** Each subscribed connection's channels and modes, for the bound and for {@link #leave}. */
  private final ConcurrentHashMap<Connection, Map<String, ChannelMode>> byConnection =
      new ConcurrentHashMap<>();

  /** Messages published, received and delivered (issue 19's seam); set once at start-up. */
  private volatile ChannelMetrics metrics = ChannelMetrics.standalone(false);

  /** What the connections' cursors read (issue 18). */
  private final ChannelHistory history = new ChannelHistory(this);

  /** {@code plezi.channels.maxPerConnection}; set once at start-up. */
  private volatile int maxPerConnection = 100;

  ChannelRegistry(Messaging messaging) {
    this.messaging = messaging;
  }

  /** Sets {@code plezi.channels.maxPerConnection}; at start-up, before any connection opens. */
  public void limitPerConnection(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("plezi.channels.maxPerConnection must be at least 1");
    }
    this.maxPerConnection = max;
  }

  /** Counts this server's publishes into {@code counts}; at start-up. */
  public void bindMetrics(ChannelMetrics counts) {
    this.metrics = counts;
  }

  /** A publish from this server. */
  void published(ChannelMessage message) {
    metrics.published(message.isRaw());
  }

  /** This server's channel history (issue 18). */
  public ChannelHistory history() {
    return history;
  }

  /** Whether {@code connection} is subscribed to {@code channel} in {@code EVENT} mode. */
  boolean listensForEvents(Connection connection, String channel) {
    Map<String, ChannelMode> names = byConnection.get(connection);
    return names != null && names.get(channel) == ChannelMode.EVENT;
  }

  /** The bound on the channels of one connection. */
  public int maxPerConnection() {
    return maxPerConnection;
  }

  /**
   * Subscribes {@code target} (or changes its mode). A connection that is not open (any more) is
   * not subscribed; one that closes meanwhile is taken out again.
   *
   * @throws IllegalArgumentException for a bad name, a null mode, or a new channel beyond the bound
   */
  void subscribe(ControllerConnection target, String channel, ChannelMode mode) {
    ChannelNames.check(channel);
    if (mode == null) {
      throw new IllegalArgumentException("a channel mode is required (EVENT or RAW)");
    }
    Connection connection = (Connection) target;
    if (!connection.isOpen()) {
      return;
    }
    int max = maxPerConnection;
    byConnection.compute(
        connection,
        (c, names) -> {
          Map<String, ChannelMode> updated = names == null ? new ConcurrentHashMap<>() : names;
          if (!updated.containsKey(channel) && updated.size() >= max) {
            throw new IllegalArgumentException(
                "a connection subscribes to at most "
                    + max
                    + " channels (plezi.channels.maxPerConnection)");
          }
          updated.put(channel, mode);
          return updated;
        });
    Bus bus = messaging.bus();
    channels.compute(
        channel,
        (name, subscribers) -> {
          Map<Connection, ChannelMode> updated = subscribers;
          if (updated == null) {
            updated = new ConcurrentHashMap<>();
            bus.subscribeChannel(name);
          }
          updated.put(connection, mode);
          return updated;
        });
    if (!connection.isOpen()) {
      leave(connection); // it closed meanwhile, maybe after its own leave ran
    } else if (history.isOn()) {
      connection.subscribedToChannel(channel, history); // a recovery may wait for it
    }
  }

  /**
   * Takes {@code target} out of a channel; nothing happens if it is not subscribed.
   *
   * @throws IllegalArgumentException for a bad name
   */
  void unsubscribe(ControllerConnection target, String channel) {
    ChannelNames.check(channel);
    Connection connection = (Connection) target;
    boolean[] was = new boolean[1];
    byConnection.computeIfPresent(
        connection,
        (c, names) -> {
          was[0] = names.remove(channel) != null;
          return names.isEmpty() ? null : names;
        });
    if (was[0]) {
      remove(connection, channel);
      if (history.isOn()) {
        connection.unsubscribedFromChannel(channel);
      }
    }
  }

  /**
   * A controller's request to recover {@code channel} from a position (issue 18), as a {@code
   * _crec_} entry: answered not recovered at once when the channel keeps no history.
   *
   * @throws IllegalArgumentException for a bad name, epoch or offset
   */
  void recover(ControllerConnection target, String channel, String epoch, long offset) {
    String problem = ChannelPosition.problem(channel, epoch, offset);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    Connection connection = (Connection) target;
    if (history.keeps(channel)) {
      connection.recoverChannel(channel, epoch, offset, history);
    } else {
      connection.recoveryFailed(channel);
    }
  }

  /** A connection closed: it leaves every channel it was in. Any thread. */
  public void leave(Connection connection) {
    Map<String, ChannelMode> names = byConnection.remove(connection);
    if (names != null) {
      for (String channel : names.keySet()) {
        remove(connection, channel);
      }
    }
  }

  private void remove(Connection connection, String channel) {
    Bus bus = messaging.bus();
    channels.computeIfPresent(
        channel,
        (name, subscribers) -> {
          subscribers.remove(connection);
          if (subscribers.isEmpty()) {
            bus.unsubscribeChannel(name);
            return null;
          }
          return subscribers;
        });
  }

  /**
   * Hands a channel message to this server's subscribers of its mode, except {@code skip}: an event
   * into each {@code EVENT} subscriber's inbox, raw text straight into each {@code RAW}
   * subscriber's outbound queue. Never blocks. The subscribers that took it are counted once, after
   * the walk.
   */
  void deliver(ChannelMessage message, ControllerConnection skip) {
    Map<Connection, ChannelMode> subscribers = channels.get(message.channel());
    if (subscribers == null) {
      return;
    }
    if (message.isRaw()) {
      RawFanOut fanOut = new RawFanOut(message.raw(), skip);
      subscribers.forEach(fanOut);
      metrics.delivered(true, fanOut.delivered);
      return;
    }
    EventFanOut fanOut = new EventFanOut(message, skip, history);
    subscribers.forEach(fanOut);
    fanOut.batch.start();
    metrics.delivered(false, fanOut.delivered);
  }

  /** A message from another server (or program) that the bus handed to this one. */
  void received(ChannelMessage message) {
    metrics.received(message.isRaw());
  }

  /** Raw text to each {@code RAW} subscriber but one; counts those whose queue took it. */
  private static final class RawFanOut implements BiConsumer<Connection, ChannelMode> {
    private final String text;
    private final ControllerConnection skip;

    /** Subscribers that took the text; the walking thread's only. */
    int delivered;

    RawFanOut(String text, ControllerConnection skip) {
      this.text = text;
      this.skip = skip;
    }

    @Override
    public void accept(Connection connection, ChannelMode mode) {
      if (mode == ChannelMode.RAW && connection != skip && connection.sendText(text)) {
        delivered++;
      }
    }
  }

  /** An event to each {@code EVENT} subscriber but one; counts those whose inbox took it. */
  private static final class EventFanOut implements BiConsumer<Connection, ChannelMode> {
    private final ChannelMessage message;
    private final Message event;
    private final ControllerConnection skip;
    private final ChannelHistory history;

    /** Presence events reach the subscribers that asked for them, by declaring the method. */
    private final boolean presence;

    final Inbox.Batch batch = new Inbox.Batch();

    /** Subscribers that took the event; the walking thread's only. */
    int delivered;

    EventFanOut(ChannelMessage message, ControllerConnection skip, ChannelHistory history) {
      this.message = message;
      this.event = message.asEvent();
      this.skip = skip;
      this.history = history;
      this.presence = Presence.JOIN.equals(event.event()) || Presence.LEAVE.equals(event.event());
    }

    @Override
    public void accept(Connection connection, ChannelMode mode) {
      if (mode != ChannelMode.EVENT) {
        return;
      }
      if (connection == skip) {
        if (message.position() != null) { // its cursor moves past its own publication
          connection.deliverFromChannel(message, batch, history, true);
        }
        return;
      }
      if (message.position() != null) {
        if (connection.deliverFromChannel(message, batch, history)) { // issue 18
          delivered++;
        }
      } else if ((!presence || connection.model().events().get(event.event()) != null)
          && connection.deliver(event, batch)) {
        delivered++;
      }
    }
  }

  /** The channels with a local subscriber (a snapshot), for the bus and the metrics. */
  public Set<String> names() {
    return Set.copyOf(channels.keySet());
  }

  /** How many channels have a local subscriber. */
  public int channelCount() {
    return channels.size();
  }

  /** How many subscriptions this server holds (a connection in two channels counts twice). */
  public long subscriptionCount() {
    long total = 0;
    for (Map<Connection, ChannelMode> subscribers : channels.values()) {
      total += subscribers.size();
    }
    return total;
  }

  /** How many channels one connection is subscribed to (for the per-route metrics). */
  public int countOf(Connection connection) {
    Map<String, ChannelMode> names = byConnection.get(connection);
    return names == null ? 0 : names.size();
  }

  /** The channels of one connection and their modes (a snapshot; for tests). */
  public Map<String, ChannelMode> of(Connection connection) {
    Map<String, ChannelMode> names = byConnection.get(connection);
    return names == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(names));
  }
}
