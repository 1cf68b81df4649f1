package org.plezi.jakarta.internal.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import org.plezi.jakarta.internal.event.TextDispatcher;

/**
 * A client's request to recover channels (issue 18): {@code {"event":"_crec_","c":[[channel, epoch,
 * offset], ...]}}, at most {@link #MAX_ENTRIES} entries, each a valid channel name, an epoch of 1
 * to 64 characters of {@code A-Z a-z 0-9 _ -} and the last offset the client saw, a whole number
 * from 0 to 2^63-1. Anything else is refused whole (nothing is recovered).
 */
final class ChannelRecovery {
  /** The event name of a recovery request (and of the server's answers). */
  static final String EVENT = "_crec_";

  /** Entries one request may hold. */
  static final int MAX_ENTRIES = 100;

  private ChannelRecovery() {}

  /**
   * Hands each entry to the connection.
   *
   * @return null when done, else why the frame was refused
   */
  static String request(TextDispatcher.Target connection, JsonObject message) {
    JsonValue c = message.get("c");
    if (!(c instanceof JsonArray entries) || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
      return "\"c\" must be an array of 1 to " + MAX_ENTRIES + " [channel, epoch, offset] entries";
    }
    String[] channels = new String[entries.size()];
    String[] epochs = new String[entries.size()];
    long[] offsets = new long[entries.size()];
    for (int i = 0; i < entries.size(); i++) {
      if (!(entries.get(i) instanceof JsonArray entry)
          || entry.size() != 3
          || !(entry.get(0) instanceof JsonString channel)
          || !(entry.get(1) instanceof JsonString epoch)
          || !(entry.get(2) instanceof JsonNumber offset)) {
        return "each entry of \"c\" must be [channel, epoch, offset]";
      }
      long number;
      BigDecimal value = offset.bigDecimalValue();
      try {
        // Bounded first: 1e999999999 is a short text whose exact integer is not.
        if (value.signum() < 0 || value.scale() > 20 || value.precision() - value.scale() > 19) {
          throw new ArithmeticException("out of range");
        }
        number = value.toBigIntegerExact().longValueExact();
      } catch (ArithmeticException e) {
        return "an offset must be a whole number from 0 to 2^63-1";
      }
      channels[i] = channel.getString();
      epochs[i] = epoch.getString();
      offsets[i] = number;
    }
    return connection.recoverChannels(channels, epochs, offsets); // it checks names and epochs
  }
}
