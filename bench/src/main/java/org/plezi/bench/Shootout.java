package org.plezi.bench;

/**
 * The websocket-shootout workload's frames (issue 15), shared by the servers and the client. Text
 * frames, compact JSON, always in this field order:
 *
 * <ul>
 *   <li>{@code {"type":"echo","payload":P}}: the server answers with the same frame.
 *   <li>{@code {"type":"broadcast","payload":P}}: the server sends the frame, unchanged, to every
 *       connected client (the sender included), then {@code {"type":"broadcastResult","payload":P}}
 *       to the sender.
 * </ul>
 *
 * <p>The client's P is {@code {"step":S,"id":K,"sent":T}} for a broadcast (S the step of the ramp,
 * K the broadcast's number in the step's sample, T the sender's {@link System#nanoTime()}) and
 * {@code {"conn":C}} for an echo. The servers never parse P: they look at the frame's first bytes
 * only, as both sides do the same.
 */
public final class Shootout {
  /** What a frame is, from its first bytes. */
  public enum Type {
    ECHO,
    BROADCAST,
    BROADCAST_RESULT,
    OTHER
  }

  private static final String ECHO = "{\"type\":\"echo\",\"payload\":";
  private static final String BROADCAST = "{\"type\":\"broadcast\",\"payload\":";
  private static final String RESULT = "{\"type\":\"broadcastResult\",\"payload\":";

  private Shootout() {}

  public static Type type(CharSequence frame) {
    if (startsWith(frame, BROADCAST)) {
      return Type.BROADCAST;
    } else if (startsWith(frame, ECHO)) {
      return Type.ECHO;
    } else if (startsWith(frame, RESULT)) {
      return Type.BROADCAST_RESULT;
    }
    return Type.OTHER;
  }

  /** The server's answer to the sender of a broadcast frame: the same payload, as its result. */
  public static String result(String broadcast) {
    if (!broadcast.startsWith(BROADCAST)) {
      throw new IllegalArgumentException("not a broadcast frame: " + broadcast);
    }
    return RESULT + broadcast.substring(BROADCAST.length());
  }

  /** The client's broadcast frame. */
  public static String broadcast(int step, int id, long sentNanos) {
    return BROADCAST + "{\"step\":" + step + ",\"id\":" + id + ",\"sent\":" + sentNanos + "}}";
  }

  /** The client's echo frame. */
  public static String echo(int connection) {
    return ECHO + "{\"conn\":" + connection + "}}";
  }

  /**
   * The non-negative integer after {@code "name":} in the frame, or -1 if it has none (or it is not
   * a number).
   */
  public static long number(CharSequence frame, String name) {
    String key = "\"" + name + "\":";
    int at = indexOf(frame, key);
    if (at < 0) {
      return -1;
    }
    int i = at + key.length();
    long value = 0;
    int digits = 0;
    for (; i < frame.length() && Character.isDigit(frame.charAt(i)) && digits < 18; i++, digits++) {
      value = value * 10 + (frame.charAt(i) - '0');
    }
    return digits == 0 ? -1 : value;
  }

  private static boolean startsWith(CharSequence s, String prefix) {
    if (s.length() < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (s.charAt(i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(CharSequence s, String key) {
    outer:
    for (int i = 0; i + key.length() <= s.length(); i++) {
      for (int j = 0; j < key.length(); j++) {
        if (s.charAt(i + j) != key.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
