package org.plezi.jakarta.internal.bus;

import org.plezi.jakarta.internal.metrics.BusMetrics;

/**
 * How messages reach other servers. The in-process {@link LocalBus} is the default (one server); a
 * cluster bus carries them over Redis. Controller code never sees which one runs.
 */
public interface Bus extends AutoCloseable {
  /** What a bus hands to this server. Implementations are called on the bus's own threads. */
  interface Receiver {
    /**
     * A multicast, broadcast or unicast from another server.
     *
     * @return for a unicast, whether its target was alive and got it; true otherwise
     */
    boolean receive(Message message);

    /** A payload on the global channel that is not an envelope: for every onBroadcast. */
    void receiveForeign(Object payload);

    /** A unicast this server sent could not be delivered (the target or its server is gone). */
    void unicastFailed(Message unicast);

    /** A unicast this server sent with an {@code ackId} reached its live target. */
    void unicastDelivered(String ackId);

    /** A message another server (or program) published to a channel (issue 17). */
    default void receiveChannel(ChannelMessage message) {}
  }

  /**
   * Where the bus counts its traffic (issue 19); called once, before {@link #start}. The in-process
   * bus counts nothing.
   */
  default void bindMetrics(BusMetrics metrics) {}

  /**
   * The state of this bus's link to Redis, which metrics and health read (the one the link check
   * keeps); null for a bus without Redis.
   */
  default LinkState linkState() {
    return null;
  }

  /** Starts delivering inbound messages to {@code receiver}. */
  void start(Receiver receiver);

  /** Sends a multicast or broadcast to every other server. */
  void publish(Message message);

  /**
   * Sends a unicast to the server {@code message.toServer()}. When it cannot reach that server, or
   * the server no longer has the target, the sender's bus calls {@link Receiver#unicastFailed}; a
   * unicast with an {@code ackId} is also answered on delivery ({@link Receiver#unicastDelivered}).
   */
  void send(Message message);

  /**
   * Starts receiving {@code channel}'s messages from other servers: this server has its first local
   * subscriber (issue 17). Never blocks. The in-process bus has no other server.
   */
  default void subscribeChannel(String channel) {}

  /** Stops receiving {@code channel}'s messages: its last local subscriber left. Never blocks. */
  default void unsubscribeChannel(String channel) {}

  /** Sends a channel message to every other server subscribed to it. Never blocks. */
  default void publishChannel(ChannelMessage message) {}

  /**
   * Whether this bus keeps channel history for the cluster (issue 18); when not, history is kept in
   * this JVM.
   */
  default boolean keepsChannelHistory() {
    return false;
  }

  /**
   * Keeps an event publication in its channel's history, then sends it with its position to the
   * other servers; never blocks. Only when {@link #keepsChannelHistory}.
   *
   * @return completes with the message at its position (on a bus thread), or fails
   * @throws IllegalArgumentException when the message is over the bus's bounds (nothing was kept)
   */
  default java.util.concurrent.CompletionStage<ChannelMessage> publishChannelKept(
      ChannelMessage message, int size, long maxAgeMillis) {
    throw new UnsupportedOperationException("this bus keeps no channel history");
  }

  /** As {@link HistoryStore#read}, from the cluster's history; waits for it. */
  default java.util.List<HistoryStore.Entry> readChannelHistory(
      String channel, String epoch, long after, long before, long maxAgeMillis) {
    return null;
  }

  @Override
  void close();
}
