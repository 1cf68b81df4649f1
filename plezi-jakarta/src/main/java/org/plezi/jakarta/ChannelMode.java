package org.plezi.jakarta;

/**
 * What a channel's messages do on a subscribed connection; chosen per subscription by {@link
 * Controller#subscribe(String, ChannelMode)}.
 */
public enum ChannelMode {
  /**
   * An event {@linkplain Controller#publish(String, String, Object...) published} to the channel
   * calls the subscriber's {@link Event} method of that name, as a broadcast does (queued with the
   * connection's other events, run one at a time with its callbacks; an event declared {@code from
   * = CLIENT} is not called). Raw text published to the channel is not delivered.
   */
  EVENT,

  /**
   * Text {@linkplain Controller#publishRaw(String, String) published raw} to the channel is written
   * to the subscriber's client as it is, with no controller call at all: the fast path for fan-out
   * of ready-made frames. Events published to the channel are not delivered.
   */
  RAW
}
