package org.plezi.jakarta.internal.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts by websocket close code, a counter made on a code's first use. An application may close
 * with any code of 3000 to 4999, so the number of distinct codes kept is bounded: past {@value
 * #MAX_CODES}, further new codes are counted under {@value #OTHER}. A close boxes its code once
 * (closes are per connection, not per message).
 */
public final class CodeCounters {
  /** The most distinct codes kept. */
  public static final int MAX_CODES = 64;

  /** The key under which codes beyond {@link #MAX_CODES} are counted. */
  public static final String OTHER = "other";

  private final boolean enabled;
  private final ConcurrentHashMap<Integer, Counter> byCode = new ConcurrentHashMap<>();
  private final Counter other;

  public CodeCounters(boolean enabled) {
    this.enabled = enabled;
    this.other = new Counter(enabled);
  }

  public void increment(int code) {
    if (!enabled) {
      return;
    }
    Counter counter = byCode.get(code);
    if (counter == null) {
      // The bound is checked before inserting; racing first uses may pass it by a few codes.
      counter =
          byCode.size() < MAX_CODES ? byCode.computeIfAbsent(code, c -> new Counter(true)) : other;
    }
    counter.increment();
  }

  /** The count of one code (0 if never seen or counted under {@link #OTHER}). */
  public long sum(int code) {
    Counter counter = byCode.get(code);
    return counter == null ? 0 : counter.sum();
  }

  /**
   * Each code seen (as decimal text), by increasing code, then {@link #OTHER} if anything was
   * counted there; unmodifiable.
   */
  public Map<String, Long> snapshot() {
    TreeMap<Integer, Long> sorted = new TreeMap<>();
    byCode.forEach((code, counter) -> sorted.put(code, counter.sum()));
    Map<String, Long> map = new LinkedHashMap<>();
    sorted.forEach((code, count) -> map.put(Integer.toString(code), count));
    long others = other.sum();
    if (others > 0) {
      map.put(OTHER, others);
    }
    return Collections.unmodifiableMap(map);
  }
}
