package org.plezi.jakarta.internal.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.plezi.jakarta.internal.Message;

/** Converts between the in-JVM {@link Message} and its wire form, the {@link Envelope}. */
final class Envelopes {
  private Envelopes() {}

  static Envelope toEnvelope(Message message) {
    if (message.isUnicast()) {
      Map<String, Object> extra = new LinkedHashMap<>();
      if (message.senderType() != null) {
        extra.put(RedisBus.SENDER, message.senderType());
      }
      if (message.ackId() != null) {
        extra.put(RedisBus.ACK, message.ackId());
      }
      return new Envelope(message.event(), message.args(), null, message.target(),
          message.toServer(), message.fromServer(), extra);
    }
    return new Envelope(message.event(), message.args(), message.type(), null, null,
        message.fromServer(), Map.of());
  }

  static Message toMessage(Envelope envelope) {
    if (envelope.isUnicast()) {
      return new Message(envelope.method(), envelope.data(), null, envelope.toServer(),
          envelope.target(), envelope.server(), text(envelope.extra().get(RedisBus.SENDER)),
          text(envelope.extra().get(RedisBus.ACK)));
    }
    return new Message(envelope.method(), envelope.data(), envelope.type(), null, null,
        envelope.server(), null, null);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
