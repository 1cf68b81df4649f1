package org.plezi.jakarta.internal.bus;

import java.util.List;

/**
 * Where channels keep their history (issue 18): in memory on a single server ({@link
 * LocalHistoryStore}), in Redis Streams in a cluster. Bounded by count and age; the epoch of a
 * channel changes when its history is lost.
 */
public interface HistoryStore {
  /** One kept publication: its offset and the event with its (frozen) arguments. */
  record Entry(long offset, String event, List<Object> args) {}

  /**
   * The publications of {@code channel} after offset {@code after} and before {@code before},
   * oldest first.
   *
   * @param before exclusive; {@link Long#MAX_VALUE} for everything kept
   * @return null when the history does not cover them: another epoch (or none), an offset the
   *     channel never reached, or publications since trimmed or expired
   */
  List<Entry> read(String channel, String epoch, long after, long before);
}
