package org.plezi.jakarta.internal.jmx;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value computed again only when the last one is older than a bound: a JMX console reads
 * attributes one by one, and each would otherwise take a snapshot of its own. Thread-safe; two
 * readers that find it stale at once may both compute.
 */
final class Memo<T> {
  private record Taken<T>(T value, long atNanos) {}

  private final Supplier<T> source;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private volatile Taken<T> last;

  Memo(Supplier<T> source, long maxAgeNanos, LongSupplier nanoTime) {
    this.source = source;
    this.maxAgeNanos = maxAgeNanos;
    this.nanoTime = nanoTime;
  }

  T get() {
    long now = nanoTime.getAsLong();
    Taken<T> taken = last;
    if (taken == null || now - taken.atNanos() >= maxAgeNanos) {
      taken = new Taken<>(source.get(), now);
      last = taken;
    }
    return taken.value();
  }
}
