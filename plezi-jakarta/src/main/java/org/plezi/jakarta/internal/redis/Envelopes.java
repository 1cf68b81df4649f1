package org.plezi.jakarta.internal.redis;

import java.util.LinkedHashMap;
import java.util.Map;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.internal.wire.Envelope;

/** Converts between the in-JVM {@link Message} and its wire form, the {@link Envelope}. */
final class Envelopes {
  /** Extra envelope keys of a message from an identity's mailbox. */
  static final String MAIL_IDENTITY = "_pl_identity";

  static final String MAIL_SEQ = "_pl_seq";

  private Envelopes() {}

  /**
   * As {@link #toEnvelope(Message)}, stamped with {@code _pl_sent} (microseconds since the epoch)
   * when {@code sentMicros} is positive: the receiving server measures the cluster latency.
   */
  static Envelope toEnvelope(Message message, long sentMicros) {
    Envelope envelope = toEnvelope(message);
    return sentMicros > 0 ? envelope.withExtra(RedisBus.SENT, sentMicros) : envelope;
  }

  static Envelope toEnvelope(Message message) {
    if (message.isUnicast()) {
      Map<String, Object> extra = new LinkedHashMap<>();
      if (message.senderType() != null) {
        extra.put(RedisBus.SENDER, message.senderType());
      }
      if (message.ackId() != null) {
        extra.put(RedisBus.ACK, message.ackId());
      }
      if (message.mail() != null) {
        extra.put(MAIL_IDENTITY, message.mail().identity());
        extra.put(MAIL_SEQ, message.mail().seq());
      }
      return new Envelope(
          message.event(),
          message.args(),
          null,
          message.target(),
          message.toServer(),
          message.fromServer(),
          extra);
    }
    return new Envelope(
        message.event(),
        message.args(),
        message.type(),
        null,
        null,
        message.fromServer(),
        Map.of());
  }

  static Message toMessage(Envelope envelope) {
    if (envelope.isUnicast()) {
      return new Message(
          envelope.method(),
          envelope.data(),
          null,
          envelope.toServer(),
          envelope.target(),
          envelope.server(),
          text(envelope.extra().get(RedisBus.SENDER)),
          text(envelope.extra().get(RedisBus.ACK)),
          mail(envelope));
    }
    return new Message(
        envelope.method(),
        envelope.data(),
        envelope.type(),
        null,
        null,
        envelope.server(),
        null,
        null,
        null);
  }

  private static Message.Mail mail(Envelope envelope) {
    Object identity = envelope.extra().get(MAIL_IDENTITY);
    Object seq = envelope.extra().get(MAIL_SEQ);
    if (identity instanceof String name && seq instanceof Number number) {
      return new Message.Mail(name, number.longValue());
    }
    return null;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
