package org.plezi.bench;

/**
 * The 250-byte JSON message every scenario broadcasts: {@code {"seq":S,"sent":T,"pad":"..."}},
 * where S is the broadcast's number in its run and T the sender's {@link System#nanoTime()}. Both
 * JVMs of a run share the machine's monotonic clock (CLOCK_MONOTONIC on Linux), so the receiver
 * subtracts T from its own nanoTime to get the latency.
 */
public final class Payload {
  /** The size of every payload, in bytes (ASCII only, so also in chars). */
  public static final int SIZE = 250;

  private static final String PAD = "x".repeat(SIZE);

  private Payload() {}

  /** The payload of broadcast {@code seq} sent at {@code sentNanos}. */
  public static String of(long seq, long sentNanos) {
    StringBuilder json = new StringBuilder(SIZE);
    json.append("{\"seq\":")
        .append(seq)
        .append(",\"sent\":")
        .append(sentNanos)
        .append(",\"pad\":\"");
    int padding = SIZE - json.length() - 2;
    if (padding < 0) {
      throw new IllegalArgumentException("numbers too long for a " + SIZE + "-byte payload");
    }
    return json.append(PAD, 0, padding).append("\"}").toString();
  }

  /** The {@code seq} of a payload in {@code data[offset, offset + length)}, or -1 if malformed. */
  public static long seq(byte[] data, int offset, int length) {
    return number(data, offset, length, "{\"seq\":");
  }

  /** The {@code sent} time of a payload, or -1 if malformed. */
  public static long sent(byte[] data, int offset, int length) {
    int comma = indexOf(data, offset, length, (byte) ',');
    if (comma < 0) {
      return -1;
    }
    return number(data, comma + 1, offset + length - comma - 1, "\"sent\":");
  }

  private static long number(byte[] data, int offset, int length, String prefix) {
    if (length < prefix.length() + 1) {
      return -1;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (data[offset + i] != prefix.charAt(i)) {
        return -1;
      }
    }
    long value = 0;
    int digits = 0;
    for (int i = offset + prefix.length(); i < offset + length; i++) {
      int d = data[i] - '0';
      if (d < 0 || d > 9) {
        break;
      }
      value = value * 10 + d;
      digits++;
    }
    return digits == 0 || digits > 18 ? -1 : value;
  }

  private static int indexOf(byte[] data, int offset, int length, byte b) {
    for (int i = offset; i < offset + length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
