package org.plezi.jakarta.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.PleziHealth;
import org.plezi.jakarta.internal.metrics.BusMetrics;
import org.plezi.jakarta.internal.metrics.ChannelMetrics;
import org.plezi.jakarta.internal.metrics.ConnectionSample;
import org.plezi.jakarta.internal.metrics.Metrics;
import org.plezi.jakarta.internal.metrics.RouteMetrics;

/**
 * The binder over a deployment's real metrics seam (no servlet container: the counts are driven by
 * hand); the integration tests drive them with real traffic.
 */
class PleziMetricsBinderTest {
  private static final String UUID = "3b241101-e2bb-4255-8caf-4136c566a962";

  private final Metrics metrics = new Metrics(true, UUID, Clock.systemUTC());
  private final RouteMetrics room = metrics.addRoute("/room/{name}", "com.example.Room");
  private String busType = "local";
  private PleziHealth.Redis redis = PleziHealth.Redis.NOT_CONFIGURED;

  /** Snapshots taken again at every read, so the test sees each change at once. */
  private final PleziMetricsBinder binder =
      new PleziMetricsBinder(
          "/chat",
          () -> metrics.snapshot(sink -> sink.connection(room, openConnection()), busType, 0, 7),
          () -> PleziHealth.of(UUID, true, false, redis),
          0);

  @Test
  void routeMetersReadTheRoutesCounts() {
    room.opened();
    room.opened();
    room.messageIn(10);
    room.refused(RouteMetrics.Refusal.PRE_CONNECT);
    MeterRegistry registry = new SimpleMeterRegistry();
    binder.bindTo(registry);
    assertThat(
            registry
                .get("plezi.connections")
                .tags("context", "/chat", "route", "/room/{name}")
                .gauge()
                .value())
        .isEqualTo(2);
    assertThat(registry.get("plezi.connections.opened").functionCounter().count()).isEqualTo(2);
    assertThat(registry.get("plezi.messages.in.bytes").functionCounter().count()).isEqualTo(10);
    assertThat(
            registry
                .get("plezi.handshakes.refused")
                .tag("reason", "pre_connect")
                .functionCounter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("plezi.handshakes.refused")
                .tag("reason", "error")
                .functionCounter()
                .count())
        .isZero();
    assertThat(registry.get("plezi.outbound.queued").gauge().value()).isEqualTo(2_048);
    assertThat(registry.get("plezi.inbox.queued").gauge().value()).isEqualTo(3);
    assertThat(registry.get("plezi.events.pool.queued").gauge().value()).isEqualTo(7);
    assertThat(registry.get("plezi.ready").gauge().value()).isEqualTo(1);
  }

  /** Channel sizes as the deployment's registries would report them. */
  private record ChannelSizes(long channels, long subscriptions, long presenceMembers)
      implements ChannelMetrics.Gauges {}

  @Test
  void channelMetersReadTheSizesAndTheMessagesByDirectionAndMode() {
    metrics.sampleChannels(new ChannelSizes(2, 5, 3));
    ChannelMetrics channels = metrics.channels();
    channels.published(false);
    channels.published(true);
    channels.published(true);
    channels.received(false);
    channels.delivered(false, 6);
    MeterRegistry registry = new SimpleMeterRegistry();
    binder.bindTo(registry);
    assertThat(registry.get("plezi.channels").tags("context", "/chat").gauge().value())
        .isEqualTo(2);
    assertThat(registry.get("plezi.presence.members").gauge().value()).isEqualTo(3);
    assertThat(
            registry
                .get("plezi.channel.subscriptions")
                .tags("context", "/chat", "route", "/room/{name}")
                .gauge()
                .value())
        .isEqualTo(4); // the route's connection, as sampled
    assertThat(messages(registry, "published", "event")).isEqualTo(1);
    assertThat(messages(registry, "published", "raw")).isEqualTo(2);
    assertThat(messages(registry, "received", "event")).isEqualTo(1);
    assertThat(messages(registry, "received", "raw")).isZero();
    assertThat(messages(registry, "delivered", "event")).isEqualTo(6);
    assertThat(messages(registry, "delivered", "raw")).isZero();
    assertThat(registry.find("plezi.channel.messages").functionCounters()).hasSize(6);
    channels.delivered(true, 3);
    assertThat(messages(registry, "delivered", "raw")).isEqualTo(3); // a new snapshot per read
  }

  private static double messages(MeterRegistry registry, String direction, String mode) {
    return registry
        .get("plezi.channel.messages")
        .tags("context", "/chat", "direction", direction, "mode", mode)
        .functionCounter()
        .count();
  }

  @Test
  void aCloseCodeSeenAfterBindingGetsItsMeterAtTheNextRead() {
    MeterRegistry registry = new SimpleMeterRegistry();
    binder.bindTo(registry);
    assertThat(registry.find("plezi.closes").functionCounters()).isEmpty();
    room.opened();
    room.closed(4001);
    registry.get("plezi.connections").gauge().value(); // any read takes a new snapshot
    assertThat(registry.get("plezi.closes").tag("code", "4001").functionCounter().count())
        .isEqualTo(1);
  }

  @Test
  void redisMetersAppearOnlyWithTheRedisBus() {
    MeterRegistry registry = new SimpleMeterRegistry();
    binder.bindTo(registry);
    assertThat(registry.find("plezi.redis.connected").gauge()).isNull();
    busType = "redis";
    redis = PleziHealth.Redis.CONNECTED;
    BusMetrics bus = metrics.bus();
    bus.receivedSentAt(bus.nowMicros() - 1_000);
    bus.published(BusMetrics.Kind.MULTICAST);
    registry.get("plezi.events.pool.queued").gauge().value(); // takes a new snapshot
    assertThat(registry.get("plezi.redis.connected").gauge().value()).isEqualTo(1);
    FunctionTimer latency = registry.get("plezi.cluster.latency").functionTimer();
    assertThat(latency.count()).isEqualTo(1);
    assertThat(latency.totalTime(TimeUnit.MICROSECONDS)).isGreaterThanOrEqualTo(1_000);
    assertThat(
            registry.get("plezi.bus.published").tag("kind", "multicast").functionCounter().count())
        .isEqualTo(1);
  }

  @Test
  void prometheusShowsTheMetersWithTheirUnitsAndBuckets() {
    busType = "redis";
    redis = PleziHealth.Redis.CONNECTED;
    room.opened();
    room.messageOut(64);
    metrics.bus().receivedSentAt(metrics.bus().nowMicros() - 300);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    binder.bindTo(registry);
    String text = registry.scrape();
    assertThat(text)
        .contains("plezi_connections{context=\"/chat\",route=\"/room/{name}\"} 1")
        .contains("plezi_messages_out_bytes_total{context=\"/chat\",route=\"/room/{name}\"} 64")
        .contains("plezi_ready{context=\"/chat\"} 1")
        .contains(
            "plezi_channel_messages_total{context=\"/chat\",direction=\"published\",mode=\"raw\"} 0")
        .contains("plezi_channel_subscriptions{context=\"/chat\",route=\"/room/{name}\"} 4")
        .contains("plezi_cluster_latency_seconds_count{context=\"/chat\"} 1")
        .contains("plezi_cluster_latency_buckets_total{context=\"/chat\",le=\"+Inf\"} 1")
        .contains("plezi_cluster_latency_buckets_total{context=\"/chat\",le=\"0.000512\"} 1")
        .contains("plezi_cluster_latency_buckets_total{context=\"/chat\",le=\"0.000256\"} 0");
  }

  @Test
  void everyMeterHasARealHelpLineInPrometheus() {
    busType = "redis";
    redis = PleziHealth.Redis.CONNECTED;
    room.opened();
    room.closed(4001);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    binder.bindTo(registry);
    registry.get("plezi.events.pool.queued").gauge().value(); // registers the redis meters
    String text = registry.scrape();
    java.util.List<String> help = text.lines().filter(l -> l.startsWith("# HELP ")).toList();
    java.util.List<String> types = text.lines().filter(l -> l.startsWith("# TYPE ")).toList();
    assertThat(types).hasSameSizeAs(help).hasSizeGreaterThanOrEqualTo(35);
    for (String line : help) {
      String[] parts = line.split(" ", 4); // "#", "HELP", name, text
      assertThat(parts).as(line).hasSize(4);
      assertThat(parts[3].strip()).as(line).isNotEmpty().hasSizeGreaterThan(10);
    }
    // Every described meter is registered: none of the texts is left over from a removed one.
    java.util.Set<String> registered = new java.util.HashSet<>();
    registry.getMeters().forEach(m -> registered.add(m.getId().getName()));
    assertThat(registered).containsExactlyInAnyOrderElementsOf(Descriptions.names());
  }

  @Test
  void twoRegistriesEachGetEveryMeter() {
    MeterRegistry first = new SimpleMeterRegistry();
    MeterRegistry second = new SimpleMeterRegistry();
    binder.bindTo(first);
    binder.bindTo(second);
    room.opened();
    room.closed(1000);
    first.get("plezi.events.pool.queued").gauge().value();
    assertThat(second.get("plezi.closes").tag("code", "1000").functionCounter().count())
        .isEqualTo(1);
    assertThat(second.getMeters()).hasSameSizeAs(first.getMeters());
  }

  /** One open connection: 2,048 bytes queued, 3 events in its inbox, 4 channels. */
  private static ConnectionSample openConnection() {
    ConnectionSample sample = new ConnectionSample();
    sample.queue(2_048, 0, 0);
    sample.connection(3, 0);
    sample.subscriptions(4);
    return sample;
  }
}
