package org.plezi.jakarta.internal.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link Counter} per constant of an enum, all made up front and found by ordinal: counting by
 * reason or kind costs an array read. Keys in snapshots are each constant's {@link Tagged#tag()}.
 */
public final class EnumCounters<E extends Enum<E> & EnumCounters.Tagged> {
  /** A constant's name as a metric tag value (lower case, underscores). */
  public interface Tagged {
    String tag();
  }

  private final E[] constants;
  private final Counter[] counters;

  public EnumCounters(Class<E> type, boolean enabled) {
    this.constants = type.getEnumConstants();
    this.counters = new Counter[constants.length];
    for (int i = 0; i < counters.length; i++) {
      counters[i] = new Counter(enabled);
    }
  }

  public void increment(E key) {
    counters[key.ordinal()].increment();
  }

  public void add(E key, long delta) {
    counters[key.ordinal()].add(delta);
  }

  public long sum(E key) {
    return counters[key.ordinal()].sum();
  }

  /** The sum over every key. */
  public long total() {
    long total = 0;
    for (Counter counter : counters) {
      total += counter.sum();
    }
    return total;
  }

  /** Every key's tag to its count, in declaration order, zeros included; unmodifiable. */
  public Map<String, Long> snapshot() {
    Map<String, Long> map = new LinkedHashMap<>();
    for (E constant : constants) {
      map.put(constant.tag(), counters[constant.ordinal()].sum());
    }
    return Collections.unmodifiableMap(map);
  }
}
