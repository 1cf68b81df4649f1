package org.plezi.jakarta.internal.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A count that many threads add to and that is read on demand. When metrics are off it holds no
 * adder: every update is then a null check and {@link #sum()} is 0. Also used for up/down counts
 * (open connections), whose sum is exact once the updates have returned.
 */
public final class Counter {
  /** The count; null when metrics are off. */
  private final LongAdder adder;

  Counter(boolean enabled) {
    this.adder = enabled ? new LongAdder() : null;
  }

  /** A counter that is on; for tests and for counts that are always kept. */
  public static Counter on() {
    return new Counter(true);
  }

  /** A counter that counts nothing. */
  public static Counter off() {
    return new Counter(false);
  }

  public void increment() {
    LongAdder a = adder;
    if (a != null) {
      a.increment();
    }
  }

  public void decrement() {
    LongAdder a = adder;
    if (a != null) {
      a.decrement();
    }
  }

  public void add(long delta) {
    LongAdder a = adder;
    if (a != null) {
      a.add(delta);
    }
  }

  /** The current total; not an atomic snapshot while other threads add. */
  public long sum() {
    LongAdder a = adder;
    return a == null ? 0 : a.sum();
  }
}
