package org.plezi.jakarta.internal.bus;

import java.util.List;

/**
 * A message published to a named channel (issue 17): an event for the channel's {@code EVENT}
 * subscribers, or raw text for its {@code RAW} subscribers. Immutable; the arguments were frozen by
 * {@code CoreValues.freeze}.
 *
 * @param channel the channel's name (valid by {@link ChannelNames#check})
 * @param event the event method's name; null for raw text
 * @param args the event's positional arguments; empty for raw text
 * @param raw the text written as it is to raw subscribers; null for an event
 * @param fromServer the publishing server's uuid; null for text another program published
 * @param position the event's place in the channel's history (issue 18); null when the channel
 *     keeps none, for raw text and for presence events
 */
public record ChannelMessage(
    String channel,
    String event,
    List<Object> args,
    String raw,
    String fromServer,
    ChannelPosition position) {
  /** A message outside any history. */
  public ChannelMessage(
      String channel, String event, List<Object> args, String raw, String fromServer) {
    this(channel, event, args, raw, fromServer, null);
  }

  /** The same message at {@code at} in its channel's history. */
  public ChannelMessage at(ChannelPosition at) {
    return new ChannelMessage(channel, event, args, raw, fromServer, at);
  }

  /** Whether this is raw text rather than an event. */
  public boolean isRaw() {
    return raw != null;
  }

  /** The event as a message one connection's inbox takes. */
  public Message asEvent() {
    return new Message(event, args, Message.ALL, null, null, fromServer, null, null, null);
  }
}
