package org.plezi.jakarta.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.ServletContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.PleziHealth;
import org.plezi.jakarta.PleziMetrics;

/**
 * Binds one Plezi deployment's metrics to Micrometer registries, as functional meters over {@code
 * Plezi.metrics}: nothing is counted twice, and a scrape reads one snapshot (taken again once the
 * last is a second old). Every meter carries the tag {@code context} (the context path, {@code /}
 * for the root application), so that several applications can share a registry; route meters also
 * carry {@code route}, and keyed ones {@code reason}, {@code code}, {@code source}, {@code kind},
 * or {@code direction} and {@code mode}. README's <i>Metrics</i> section lists every meter.
 *
 * <p>Meters for keys that appear after binding (a close code seen for the first time, a route
 * registered later in start-up, the Redis meters) are registered when the binder next takes a
 * snapshot, so they show from the next scrape on. The registry keeps the binder's state alive:
 * there is no need to hold on to the binder. Thread-safe.
 */
public final class PleziMetricsBinder implements MeterBinder {
  private final Tags common;
  private final Snapshots snapshots;

  /** Meter keys (name and tags) registered so far, per registry; guarded by this. */
  private final Map<MeterRegistry, Set<String>> registered = new IdentityHashMap<>();

  /**
   * A binder over the given snapshots; {@code Plezi}'s servlet-context form is the usual way.
   *
   * @param contextPath the deployment's context path ("" or "/" for the root application)
   * @param metrics takes a metrics snapshot ({@code () -> Plezi.metrics(context)})
   * @param health answers the health ({@code () -> Plezi.health(context)})
   */
  public PleziMetricsBinder(
      String contextPath, Supplier<PleziMetrics> metrics, Supplier<PleziHealth> health) {
    this(contextPath, metrics, health, Snapshots.MAX_AGE_NANOS);
  }

  /**
   * The binder of the deployment that {@code context} belongs to: {@code Plezi.metrics} and {@code
   * Plezi.health} of that context.
   */
  public static PleziMetricsBinder of(ServletContext context) {
    return new PleziMetricsBinder(
        context.getContextPath(), () -> Plezi.metrics(context), () -> Plezi.health(context));
  }

  /** As the public constructor, with snapshots kept for {@code maxAgeNanos} (tests: 0). */
  PleziMetricsBinder(
      String contextPath,
      Supplier<PleziMetrics> metrics,
      Supplier<PleziHealth> health,
      long maxAgeNanos) {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(health, "health");
    String context = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
    this.common = Tags.of("context", context);
    this.snapshots = new Snapshots(metrics, health, this::registerNewKeys, maxAgeNanos);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    synchronized (this) {
      registered.putIfAbsent(registry, new HashSet<>());
    }
    // Strongly held, so that the registry keeps the binder's state (every meter reads it).
    Gauge.builder("plezi.ready", snapshots, s -> s.health().ready() ? 1 : 0)
        .tags(common)
        .description(Descriptions.of("plezi.ready"))
        .strongReference(true)
        .register(registry);
    registerNewKeys(snapshots.metrics(), registry);
  }

  /** Registers the meters of keys not yet registered, in every bound registry. */
  private synchronized void registerNewKeys(PleziMetrics metrics) {
    for (MeterRegistry registry : new ArrayList<>(registered.keySet())) {
      registerNewKeys(metrics, registry);
    }
  }

  private synchronized void registerNewKeys(PleziMetrics metrics, MeterRegistry registry) {
    Meters meters = new Meters(registry, registered.get(registry));
    deployment(meters, metrics);
    for (PleziMetrics.Route route : metrics.routes().values()) {
      route(meters, route);
    }
  }

  private void deployment(Meters m, PleziMetrics metrics) {
    m.gauge("plezi.events.pool.queued", Tags.empty(), null, s -> s.metrics().eventsQueued());
    m.counter("plezi.unicasts.failed", Tags.empty(), null, s -> s.metrics().unicastsFailed());
    PleziMetrics.Bus bus = metrics.bus();
    m.keyed(
        "plezi.bus.published",
        Tags.empty(),
        "kind",
        bus.published().keySet(),
        s -> s.metrics().bus().published());
    m.keyed(
        "plezi.bus.received",
        Tags.empty(),
        "kind",
        bus.received().keySet(),
        s -> s.metrics().bus().received());
    m.counter("plezi.bus.rejected", Tags.empty(), null, s -> s.metrics().bus().rejected());
    m.counter("plezi.bus.foreign", Tags.empty(), null, s -> s.metrics().bus().foreign());
    m.counter(
        "plezi.bus.publish.failures", Tags.empty(), null, s -> s.metrics().bus().publishFailures());
    if ("redis".equals(bus.type())) {
      m.gauge(
          "plezi.redis.connected",
          Tags.empty(),
          null,
          s -> s.health().redis() == PleziHealth.Redis.CONNECTED ? 1 : 0);
      m.counter("plezi.redis.reconnects", Tags.empty(), null, s -> s.metrics().bus().reconnects());
      latency(m, bus.latency());
    }
    m.counter("plezi.mailbox.appends", Tags.empty(), null, s -> s.metrics().mailboxes().appends());
    m.counter(
        "plezi.mailbox.deliveries", Tags.empty(), null, s -> s.metrics().mailboxes().deliveries());
    m.counter("plezi.mailbox.drops", Tags.empty(), null, s -> s.metrics().mailboxes().drops());
    m.counter("plezi.mailbox.misses", Tags.empty(), null, s -> s.metrics().mailboxes().misses());
    channels(m, metrics.channels());
  }

  /** Channel and presence sizes, and channel messages by direction and mode. */
  private void channels(Meters m, PleziMetrics.Channels channels) {
    m.gauge("plezi.channels", Tags.empty(), null, s -> s.metrics().channels().channels());
    m.gauge(
        "plezi.presence.members",
        Tags.empty(),
        null,
        s -> s.metrics().channels().presenceMembers());
    Tags published = Tags.of("direction", "published");
    Tags received = Tags.of("direction", "received");
    Tags delivered = Tags.of("direction", "delivered");
    m.keyed(
        "plezi.channel.messages",
        published,
        "mode",
        channels.published().keySet(),
        s -> s.metrics().channels().published());
    m.keyed(
        "plezi.channel.messages",
        received,
        "mode",
        channels.received().keySet(),
        s -> s.metrics().channels().received());
    m.keyed(
        "plezi.channel.messages",
        delivered,
        "mode",
        channels.delivered().keySet(),
        s -> s.metrics().channels().delivered());
  }

  /** The cluster latency: a function timer (count, total) and cumulative counts per bucket. */
  private void latency(Meters m, PleziMetrics.Latency latency) {
    if (m.first("plezi.cluster.latency", Tags.empty())) {
      FunctionTimer.builder(
              "plezi.cluster.latency",
              snapshots,
              s -> s.metrics().bus().latency().count(),
              s -> s.metrics().bus().latency().sumMicros(),
              TimeUnit.MICROSECONDS)
          .tags(common)
          .description(Descriptions.of("plezi.cluster.latency"))
          .register(m.registry);
    }
    List<Long> bounds = latency.upperBoundsMicros();
    for (int i = 0; i <= bounds.size(); i++) {
      int upTo = i;
      String le = i == bounds.size() ? "+Inf" : seconds(bounds.get(i));
      m.counter(
          "plezi.cluster.latency.buckets",
          Tags.of("le", le),
          null,
          s -> cumulative(s.metrics().bus().latency(), upTo));
    }
  }

  private static double cumulative(PleziMetrics.Latency latency, int upTo) {
    long sum = 0;
    for (int i = 0; i <= upTo; i++) {
      sum += latency.counts().get(i);
    }
    return sum;
  }

  private static String seconds(long micros) {
    return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
  }

  private void route(Meters m, PleziMetrics.Route r) {
    String name = r.route();
    Tags tags = Tags.of("route", name);
    m.gauge("plezi.connections", tags, null, s -> of(s, name, PleziMetrics.Route::connections));
    m.counter("plezi.connections.opened", tags, null, s -> of(s, name, x -> x.opened()));
    m.counter(
        "plezi.handshakes.accepted", tags, null, s -> of(s, name, x -> x.handshakes().accepted()));
    m.keyed(
        "plezi.handshakes.refused",
        tags,
        "reason",
        r.handshakes().refused().keySet(),
        s -> map(s, name, x -> x.handshakes().refused()));
    m.keyed("plezi.closes", tags, "code", r.closes().keySet(), s -> map(s, name, x -> x.closes()));
    m.counter("plezi.messages.in", tags, null, s -> of(s, name, x -> x.traffic().messagesIn()));
    m.counter(
        "plezi.messages.in.bytes",
        tags,
        BaseUnits.BYTES,
        s -> of(s, name, x -> x.traffic().bytesIn()));
    m.counter("plezi.messages.out", tags, null, s -> of(s, name, x -> x.traffic().messagesOut()));
    m.counter(
        "plezi.messages.out.bytes",
        tags,
        BaseUnits.BYTES,
        s -> of(s, name, x -> x.traffic().bytesOut()));
    m.keyed(
        "plezi.messages.dropped",
        tags,
        "reason",
        r.traffic().dropped().keySet(),
        s -> map(s, name, x -> x.traffic().dropped()));
    m.gauge(
        "plezi.outbound.queued",
        tags,
        BaseUnits.BYTES,
        s -> of(s, name, x -> x.queues().outboundBytes()));
    m.gauge(
        "plezi.outbound.queued.largest",
        tags,
        BaseUnits.BYTES,
        s -> of(s, name, x -> x.queues().largestOutboundBytes()));
    m.counter(
        "plezi.outbound.overflows",
        tags,
        null,
        s -> of(s, name, x -> x.queues().outboundOverflows()));
    m.counter(
        "plezi.outbound.send.timeouts",
        tags,
        null,
        s -> of(s, name, x -> x.queues().sendTimeouts()));
    m.counter(
        "plezi.outbound.send.failures",
        tags,
        null,
        s -> of(s, name, x -> x.queues().sendFailures()));
    m.gauge("plezi.inbox.queued", tags, null, s -> of(s, name, x -> x.queues().inboxQueued()));
    m.gauge(
        "plezi.channel.subscriptions",
        tags,
        null,
        s -> of(s, name, PleziMetrics.Route::channelSubscriptions));
    m.counter(
        "plezi.inbox.overflows", tags, null, s -> of(s, name, x -> x.queues().inboxOverflows()));
    m.keyed(
        "plezi.events.dispatched",
        tags,
        "source",
        r.events().dispatched().keySet(),
        s -> map(s, name, x -> x.events().dispatched()));
    m.keyed(
        "plezi.events.failed",
        tags,
        "source",
        r.events().failed().keySet(),
        s -> map(s, name, x -> x.events().failed()));
    m.keyed(
        "plezi.events.rejected",
        tags,
        "reason",
        r.events().rejected().keySet(),
        s -> map(s, name, x -> x.events().rejected()));
  }

  /** A route's value, or NaN when the deployment has no such route. */
  private static double of(Snapshots s, String route, ToDoubleFunction<PleziMetrics.Route> value) {
    PleziMetrics.Route current = s.route(route);
    return current == null ? Double.NaN : value.applyAsDouble(current);
  }

  private static Map<String, Long> map(
      Snapshots s, String route, Function<PleziMetrics.Route, Map<String, Long>> value) {
    PleziMetrics.Route current = s.route(route);
    return current == null ? Map.of() : value.apply(current);
  }

  /** Registers into one registry, once per name and tags. */
  private final class Meters {
    final MeterRegistry registry;
    private final Set<String> done;

    Meters(MeterRegistry registry, Set<String> done) {
      this.registry = registry;
      this.done = done;
    }

    boolean first(String name, Tags tags) {
      return done.add(name + tags);
    }

    void counter(String name, Tags tags, String unit, ToDoubleFunction<Snapshots> value) {
      if (first(name, tags)) {
        FunctionCounter.builder(name, snapshots, value)
            .tags(common)
            .tags(tags)
            .baseUnit(unit)
            .description(Descriptions.of(name))
            .register(registry);
      }
    }

    void gauge(String name, Tags tags, String unit, ToDoubleFunction<Snapshots> value) {
      if (first(name, tags)) {
        Gauge.builder(name, snapshots, value)
            .tags(common)
            .tags(tags)
            .baseUnit(unit)
            .description(Descriptions.of(name))
            .register(registry);
      }
    }

    /** One counter per key, the key as the value of tag {@code tag}. */
    void keyed(
        String name,
        Tags tags,
        String tag,
        Set<String> keys,
        Function<Snapshots, Map<String, Long>> values) {
      for (String key : keys) {
        counter(
            name,
            tags.and(tag, key),
            null,
            s -> values.apply(s).getOrDefault(key, 0L).doubleValue());
      }
    }
  }
}
