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
