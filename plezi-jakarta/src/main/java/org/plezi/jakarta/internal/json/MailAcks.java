package org.plezi.jakarta.internal.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.plezi.jakarta.internal.event.TextDispatcher;

/**
 * A client's confirmation of mailbox messages (issue 18): {@code {"event":"_mack_","m":[[identity,
 * seq], ...]}}, at most {@link #MAX_ENTRIES} pairs, each an identity of 1 to 256 characters and a
 * positive whole number; confirming {@code seq} confirms every earlier message of that identity.
 * Anything else is refused whole.
 */
final class MailAcks {
  /** The event name of a confirmation. */
  static final String EVENT = "_mack_";

  /** Pairs one confirmation may hold. */
  static final int MAX_ENTRIES = 32;

  private MailAcks() {}

  /**
   * Hands each pair to the connection.
   *
   * @return null when done, else why the frame was refused (nothing was confirmed)
   */
  static String confirm(TextDispatcher.Target connection, JsonObject message) {
    JsonValue m = message.get("m");
    if (!(m instanceof JsonArray pairs) || pairs.isEmpty() || pairs.size() > MAX_ENTRIES) {
      return "\"m\" must be an array of 1 to " + MAX_ENTRIES + " [identity, seq] pairs";
    }
    String[] identities = new String[pairs.size()];
    long[] seqs = new long[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      if (!(pairs.get(i) instanceof JsonArray pair)
          || pair.size() != 2
          || !(pair.get(0) instanceof JsonString identity)
          || !(pair.get(1) instanceof JsonNumber seq)
          || !seq.isIntegral()
          || identity.getString().isEmpty()
          || identity.getString().length() > 256) {
        return "each entry of \"m\" must be [identity (1 to 256 characters), seq]";
      }
      long number;
      try {
        number = seq.bigIntegerValueExact().longValueExact();
      } catch (ArithmeticException e) {
        return "a seq must be a whole number from 1 to 2^63-1";
      }
      if (number <= 0) {
        return "a seq must be a whole number from 1 to 2^63-1";
      }
      identities[i] = identity.getString();
      seqs[i] = number;
    }
    for (int i = 0; i < identities.length; i++) {
      connection.confirmMail(identities[i], seqs[i]);
    }
    return null;
  }
}
