package org.plezi.jakarta.micrometer;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.plezi.jakarta.PleziHealth;
import org.plezi.jakarta.PleziMetrics;

/**
 * The binder's view of one deployment: a metrics snapshot taken again only once the last is a
 * second old, so that the meters of one scrape share one snapshot (taking one visits every open
 * connection). Each new snapshot is shown to {@code onRefresh} (which registers meters for keys
 * seen for the first time). Thread-safe; two readers that find it stale at once may both take one.
 */
final class Snapshots {
  /** How old a snapshot may be before a meter's read takes a new one. */
  static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private record Taken(PleziMetrics metrics, long atNanos) {}

  private final Supplier<PleziMetrics> metrics;
  private final Supplier<PleziHealth> health;
  private final Consumer<PleziMetrics> onRefresh;
  private final long maxAgeNanos;
  private volatile Taken last;

  Snapshots(
      Supplier<PleziMetrics> metrics,
      Supplier<PleziHealth> health,
      Consumer<PleziMetrics> onRefresh,
      long maxAgeNanos) {
    this.metrics = metrics;
    this.health = health;
    this.onRefresh = onRefresh;
    this.maxAgeNanos = maxAgeNanos;
  }

  PleziMetrics metrics() {
    long now = System.nanoTime();
    Taken taken = last;
    if (taken == null || now - taken.atNanos() >= maxAgeNanos) {
      taken = new Taken(metrics.get(), now);
      last = taken;
      onRefresh.accept(taken.metrics());
    }
    return taken.metrics();
  }

  /** Health is cheap: always read now. */
  PleziHealth health() {
    return health.get();
  }

  /** A route's part of the current snapshot, or null if the deployment has no such route. */
  PleziMetrics.Route route(String route) {
    return metrics().routes().get(route);
  }
}
