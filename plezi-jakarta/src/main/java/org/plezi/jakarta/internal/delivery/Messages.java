package org.plezi.jakarta.internal.delivery;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.plezi.jakarta.internal.base.CoreValues;
import org.plezi.jakarta.internal.bus.ChannelMessage;
import org.plezi.jakarta.internal.bus.ChannelNames;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.internal.wire.Envelope;

/**
 * Builds the messages this server sends: checks the event name and freezes the arguments once per
 * send, however many connections and servers receive it (every receiver shares that one {@link
 * Message}). Thread-safe.
 */
final class Messages {
  /**
   * The longest raw channel text, in chars: 256 Ki, so that its envelope on Redis (quoted, escaped)
   * stays within the codec's 1 MiB payload limit.
   */
  static final int MAX_RAW_CHARS = 256 * 1024;

  private final String serverUuid;

  /** Messages built by sends from this server: one per send, however wide. */
  private final LongAdder prepared = new LongAdder();

  Messages(String serverUuid) {
    this.serverUuid = serverUuid;
  }

  /** A multicast, or an identity's message before it is addressed. */
  Message multicast(String event, Object[] args) {
    return prepare(event, args, Message.ALL, null, null, null);
  }

  /** A broadcast to the classes with this cluster name. */
  Message broadcast(String clusterName, String event, Object[] args) {
    return prepare(event, args, clusterName, null, null, null);
  }

  /**
   * The unicast for a uuid, or null (after checking the arguments) when it names no connection.
   *
   * @param senderType the cluster name of the sending controller's class; null for a Messenger
   */
  Message unicast(String uuid, String event, Object[] args, String senderType) {
    if (uuid == null || uuid.length() <= 36 || uuid.length() > 36 + 16) {
      prepare(event, args, null, null, null, senderType);
      return null;
    }
    return prepare(event, args, null, uuid.substring(0, 36), uuid.substring(36), senderType);
  }

  /** An event for a channel's EVENT subscribers (issue 17). */
  ChannelMessage channelEvent(String channel, String event, Object[] args) {
    ChannelNames.check(channel);
    Message message = prepare(event, args, Message.ALL, null, null, null);
    return new ChannelMessage(channel, event, message.args(), null, serverUuid);
  }

  /** Raw text for a channel's RAW subscribers (issue 17). */
  ChannelMessage channelRaw(String channel, String text) {
    ChannelNames.check(channel);
    if (text == null) {
      throw new IllegalArgumentException("raw text is required");
    }
    if (text.length() > MAX_RAW_CHARS) {
      throw new IllegalArgumentException(
          "raw channel text is at most " + MAX_RAW_CHARS + " characters, not " + text.length());
    }
    prepared.increment();
    return new ChannelMessage(channel, null, List.of(), text, serverUuid);
  }

  /** How many messages this server prepared: one per send, whatever the number of receivers. */
  long preparedCount() {
    return prepared.sum();
  }

  private Message prepare(
      String event, Object[] args, String type, String toServer, String target, String senderType) {
    if (event == null || event.isEmpty()) {
      throw new IllegalArgumentException("an event name is required");
    }
    if (!Envelope.isMethodName(event)) {
      throw new IllegalArgumentException(
          "an event name is a Java identifier of at most 255 "
              + "characters: '"
              + (event.length() > 40 ? event.substring(0, 40) + "…" : event)
              + "'");
    }
    List<Object> frozen = CoreValues.freeze(args);
    prepared.increment();
    return new Message(event, frozen, type, toServer, target, serverUuid, senderType, null, null);
  }
}
