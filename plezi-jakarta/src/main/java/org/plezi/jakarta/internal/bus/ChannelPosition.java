package org.plezi.jakarta.internal.bus;

/**
 * Where a publication stands in its channel's history (issue 18): the history's epoch, a random id
 * made when the history started (a new one means the earlier offsets mean nothing any more), and
 * the publication's offset, from 1 up, one more for each publication of that epoch.
 *
 * @param epoch 1 to {@value #MAX_EPOCH} characters of {@code A-Z a-z 0-9 _ -}
 * @param offset at least 1
 */
public record ChannelPosition(String epoch, long offset) {
  /** The longest epoch a client may send back. */
  public static final int MAX_EPOCH = 64;

  /**
   * Why a client's (or controller's) position is refused: a bad channel name, a bad epoch or a
   * negative offset; null when it is valid. The words of the {@code _crec_} frame's 400 reply.
   */
  public static String problem(String channel, String epoch, long offset) {
    try {
      ChannelNames.check(channel);
    } catch (IllegalArgumentException e) {
      return "a channel name must be 1 to 200 characters of A-Z a-z 0-9 _ . : / @ -";
    }
    if (!isEpoch(epoch)) {
      return "an epoch must be 1 to " + MAX_EPOCH + " characters of A-Z a-z 0-9 _ -";
    }
    return offset < 0 ? "an offset must be a whole number from 0 to 2^63-1" : null;
  }

  /** Whether {@code text} could be an epoch. */
  public static boolean isEpoch(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_EPOCH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '_'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
