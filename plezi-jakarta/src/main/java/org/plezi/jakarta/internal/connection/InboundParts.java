package org.plezi.jakarta.internal.connection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Joins the parts of one inbound message. The library takes messages through partial handlers so
 * that the container keeps its per-session message buffers at their default size: Tomcat gives
 * every session that has received a message a buffer of the session's largest message size, for the
 * session's life (at {@code plezi.message.maxBytes}' default, 128 KB of chars per connection that
 * ever sent a text frame). A message that arrives in one part, the usual case, is passed on as it
 * is; only the parts of a longer one are copied here, and never more than {@code max} (chars for
 * text, bytes for binary): past it, the message is refused once and its remaining parts are dropped
 * as they come.
 *
 * <p>One per connection, on the container's thread: a websocket's messages never interleave, and
 * the container hands over one part at a time.
 */
final class InboundParts {
  private final int max;
  private final Runnable tooBig;

  /** The text message being joined; null between messages and for a one-part message. */
  private StringBuilder text;

  /** The binary message being joined; as {@link #text}. */
  private ByteArrayOutputStream binary;

  /** The current message went over {@code max}: its parts are dropped until its last. */
  private boolean refusing;

  /**
   * @param max the largest message accepted
   * @param tooBig runs once for each message over {@code max}
   */
  InboundParts(int max, Runnable tooBig) {
    this.max = max;
    this.tooBig = tooBig;
  }

  /**
   * @return the whole message when {@code part} is its last one (a message over {@code max}
   *     included, for the caller's own size check, when it came in one part); null otherwise
   */
  String text(String part, boolean last) {
    if (refusing) {
      refusing = !last;
      return null;
    }
    if (text == null) {
      if (last) {
        return part;
      }
      if (part.length() > max) {
        return refuse(last);
      }
      text = new StringBuilder(Math.min(max, Math.max(16, part.length() * 2)));
    } else if (part.length() > max - text.length()) {
      text = null;
      return refuse(last);
    }
    text.append(part);
    if (!last) {
      return null;
    }
    String whole = text.toString();
    text = null;
    return whole;
  }

  /**
   * @return a copy of the whole message when {@code part} is its last one (as {@link #text}); null
   *     otherwise
   */
  byte[] binary(ByteBuffer part, boolean last) {
    if (refusing) {
      refusing = !last;
      return null;
    }
    if (binary == null) {
      if (last) {
        return copy(part);
      }
      if (part.remaining() > max) {
        return refuse(last);
      }
      binary = new ByteArrayOutputStream(Math.min(max, Math.max(16, part.remaining() * 2)));
    } else if (part.remaining() > max - binary.size()) {
      binary = null;
      return refuse(last);
    }
    if (part.hasArray()) {
      binary.write(part.array(), part.arrayOffset() + part.position(), part.remaining());
      part.position(part.limit());
    } else {
      binary.writeBytes(copy(part));
    }
    if (!last) {
      return null;
    }
    byte[] whole = binary.toByteArray();
    binary = null;
    return whole;
  }

  private <T> T refuse(boolean last) {
    refusing = !last;
    tooBig.run();
    return null;
  }

  private static byte[] copy(ByteBuffer data) {
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    return bytes;
  }
}
