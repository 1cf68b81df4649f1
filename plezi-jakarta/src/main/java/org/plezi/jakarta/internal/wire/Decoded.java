package org.plezi.jakarta.internal.wire;

import java.util.Objects;

/** What {@link EnvelopeCodec#decode} made of one payload: exactly one of three outcomes. */
public sealed interface Decoded {
  /** A well-formed envelope: deliver it. */
  record Message(Envelope envelope) implements Decoded {
    /**
     * @throws NullPointerException if the envelope is null
     */
    public Message {
      Objects.requireNonNull(envelope, "envelope");
    }
  }

  /**
   * Safe input that is not an envelope: it goes to controllers' {@code onBroadcast}.
   *
   * @param value the YAML value read from the payload (String, Integer, Long, BigInteger, Double,
   *     BigDecimal, Boolean, null, LocalDate, OffsetDateTime, byte[], or unmodifiable List, Map and
   *     Set of these), or the raw text itself when the payload is not YAML at all
   * @param raw the payload exactly as received
   */
  record Foreign(Object value, String raw) implements Decoded {
    /**
     * @throws NullPointerException if raw is null
     */
    public Foreign {
      Objects.requireNonNull(raw, "raw");
    }
  }

  /**
   * Input refused for safety: a tag outside the whitelist, a limit exceeded, or a mapping that
   * names a {@code method} but breaks the envelope rules. Nothing from it reaches a controller.
   *
   * @param reason a short human-readable cause, fit for a (rate-limited) log line
   */
  record Rejected(String reason) implements Decoded {
    /**
     * @throws NullPointerException if the reason is null
     */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
