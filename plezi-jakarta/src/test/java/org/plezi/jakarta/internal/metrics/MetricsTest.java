package org.plezi.jakarta.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.PleziMetrics;
import org.plezi.jakarta.internal.metrics.RouteMetrics.Drop;
import org.plezi.jakarta.internal.metrics.RouteMetrics.Refusal;
import org.plezi.jakarta.internal.metrics.RouteMetrics.Rejection;
import org.plezi.jakarta.internal.metrics.RouteMetrics.Source;

class MetricsTest {
  private static final String UUID = "3b241101-e2bb-4255-8caf-4136c566a962";
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.000123Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void aRouteSnapshotHoldsWhatWasCounted() {
    Metrics metrics = new Metrics(true, UUID, clock);
    RouteMetrics chat = metrics.addRoute("/chat/{room}", "com.example.Chat");
    chat.opened();
    chat.opened();
    chat.closed(4001);
    chat.refused(Refusal.PRE_CONNECT);
    chat.messageIn(5);
    chat.messageOut(7);
    chat.messageOut(3);
    chat.dropped(Drop.OUTBOUND_OVERFLOW, 4);
    chat.dropped(Drop.CLOSED, 0);
    chat.outboundOverflow();
    chat.dispatched(Source.CLIENT, true);
    chat.dispatched(Source.SERVER, false);
    chat.rejected(Rejection.NOT_FOUND);

    PleziMetrics.Route route = metrics.snapshot(null, "local", 0, 0).routes().get("/chat/{room}");
    assertThat(route.controller()).isEqualTo("com.example.Chat");
    assertThat(route.connections()).isEqualTo(1);
    assertThat(route.opened()).isEqualTo(2);
    assertThat(route.handshakes().accepted()).isEqualTo(2);
    assertThat(route.handshakes().refused())
        .containsEntry("pre_connect", 1L)
        .containsEntry("error", 0L)
        .containsEntry("origin", 0L)
        .containsEntry("limit", 0L)
        .containsEntry("bad_handshake", 0L)
        .hasSize(7);
    assertThat(route.handshakes().refusedTotal()).isEqualTo(1);
    assertThat(route.closes()).containsExactly(Map.entry("4001", 1L));
    assertThat(route.traffic().messagesIn()).isEqualTo(1);
    assertThat(route.traffic().bytesIn()).isEqualTo(5);
    assertThat(route.traffic().messagesOut()).isEqualTo(2);
    assertThat(route.traffic().bytesOut()).isEqualTo(10);
    assertThat(route.traffic().dropped())
        .containsEntry("outbound_overflow", 4L)
        .containsEntry("closed", 0L);
    assertThat(route.queues().outboundOverflows()).isEqualTo(1);
    assertThat(route.events().dispatched()).containsEntry("client", 1L).containsEntry("server", 1L);
    assertThat(route.events().failed()).containsEntry("client", 0L).containsEntry("server", 1L);
    assertThat(route.events().rejected()).containsEntry("not_found", 1L);
  }

  @Test
  void gaugesComeFromTheSampledConnectionsOfEachRoute() {
    Metrics metrics = new Metrics(true, UUID, clock);
    RouteMetrics a = metrics.addRoute("/a", "A");
    RouteMetrics b = metrics.addRoute("/b", "B");
    RouteMetrics stranger = RouteMetrics.standalone("/x", true);
    PleziMetrics snapshot =
        metrics.snapshot(
            sink -> {
              sink.connection(a, sample(100, 1, 2, 4, 40));
              sink.connection(a, sample(300, 2, 0, 1, 5));
              sink.connection(b, sample(50, 0, 3, 0, 0));
              sink.connection(
                  stranger, sample(1_000, 9, 5, 7, 7)); // not this deployment's: ignored
            },
            "redis",
            0,
            12);
    assertThat(snapshot.routes().keySet()).containsExactly("/a", "/b");
    PleziMetrics.Queues queuesA = snapshot.routes().get("/a").queues();
    assertThat(queuesA.outboundBytes()).isEqualTo(400);
    assertThat(queuesA.largestOutboundBytes()).isEqualTo(300);
    assertThat(queuesA.inboxQueued()).isEqualTo(3);
    assertThat(snapshot.routes().get("/b").queues().outboundBytes()).isEqualTo(50);
    assertThat(snapshot.routes().get("/a").channelSubscriptions()).isEqualTo(2);
    assertThat(snapshot.routes().get("/b").channelSubscriptions()).isEqualTo(3);
    // The frames the open connections' queues sent, on top of the route's own counts.
    assertThat(snapshot.routes().get("/a").traffic().messagesOut()).isEqualTo(5);
    assertThat(snapshot.routes().get("/a").traffic().bytesOut()).isEqualTo(45);
    assertThat(snapshot.routes().get("/b").traffic().messagesOut()).isZero();
    assertThat(snapshot.eventsQueued()).isEqualTo(12);
    assertThat(snapshot.bus().type()).isEqualTo("redis");
    assertThat(snapshot.takenAt()).isEqualTo(NOW);
    assertThat(snapshot.serverUuid()).isEqualTo(UUID);
  }

  @Test
  void connectionsAreSummedOverRoutes() {
    Metrics metrics = new Metrics(true, UUID, clock);
    metrics.addRoute("/a", "A").opened();
    metrics.addRoute("/b", "B").opened();
    assertThat(metrics.snapshot(null, "local", 0, 0).connections()).isEqualTo(2);
  }

  @Test
  void mailboxesAndUnicastsAreCounted() {
    Metrics metrics = new Metrics(true, UUID, clock);
    metrics.mailboxes().appended();
    metrics.mailboxes().delivered(1);
    metrics.mailboxes().dropped(3);
    metrics.mailboxes().missed();
    metrics.unicastFailed();
    PleziMetrics snapshot = metrics.snapshot(null, "local", 0, 0);
    assertThat(snapshot.mailboxes()).isEqualTo(new PleziMetrics.Mailboxes(1, 1, 3, 1));
    assertThat(snapshot.unicastsFailed()).isEqualTo(1);
  }

  @Test
  void whenOffOnlyTheGaugesAreFilledIn() {
    Metrics metrics = new Metrics(false, UUID, clock);
    RouteMetrics a = metrics.addRoute("/a", "A");
    a.opened();
    a.messageIn(10);
    metrics.unicastFailed();
    PleziMetrics snapshot =
        metrics.snapshot(sink -> sink.connection(a, sample(64, 1, 0, 3, 30)), "local", 0, 0);
    assertThat(snapshot.enabled()).isFalse();
    assertThat(snapshot.routes().get("/a").opened()).isZero();
    assertThat(snapshot.routes().get("/a").traffic().messagesIn()).isZero();
    assertThat(snapshot.routes().get("/a").traffic().messagesOut()).isZero();
    assertThat(snapshot.routes().get("/a").queues().outboundBytes()).isEqualTo(64);
    assertThat(snapshot.unicastsFailed()).isZero();
  }

  /** Sizes as a registry would report them. */
  private record ChannelSizes(long channels, long subscriptions, long presenceMembers)
      implements ChannelMetrics.Gauges {}

  @Test
  void channelMessagesAreCountedByModeAndTheSizesSampledAtTheSnapshot() {
    Metrics metrics = new Metrics(true, UUID, clock);
    assertThat(metrics.snapshot(null, "local", 0, 0).channels())
        .isEqualTo(
            new PleziMetrics.Channels(
                0,
                0,
                0,
                Map.of("event", 0L, "raw", 0L),
                Map.of("event", 0L, "raw", 0L),
                Map.of("event", 0L, "raw", 0L)));
    metrics.sampleChannels(new ChannelSizes(2, 5, 3));
    ChannelMetrics channels = metrics.channels();
    channels.published(false);
    channels.published(false);
    channels.published(true);
    channels.received(true);
    channels.delivered(false, 4);
    channels.delivered(true, 0);
    channels.delivered(true, 2);
    PleziMetrics.Channels snapshot = metrics.snapshot(null, "local", 0, 0).channels();
    assertThat(snapshot.channels()).isEqualTo(2);
    assertThat(snapshot.subscriptions()).isEqualTo(5);
    assertThat(snapshot.presenceMembers()).isEqualTo(3);
    assertThat(snapshot.published()).containsExactly(Map.entry("event", 2L), Map.entry("raw", 1L));
    assertThat(snapshot.received()).containsExactly(Map.entry("event", 0L), Map.entry("raw", 1L));
    assertThat(snapshot.delivered()).containsExactly(Map.entry("event", 4L), Map.entry("raw", 2L));
  }

  @Test
  void whenOffChannelSizesAreStillSampledButNothingIsCounted() {
    Metrics metrics = new Metrics(false, UUID, clock);
    metrics.sampleChannels(new ChannelSizes(1, 2, 1));
    metrics.channels().published(false);
    metrics.channels().delivered(false, 3);
    PleziMetrics.Channels snapshot = metrics.snapshot(null, "local", 0, 0).channels();
    assertThat(snapshot.subscriptions()).isEqualTo(2);
    assertThat(snapshot.presenceMembers()).isEqualTo(1);
    assertThat(snapshot.published().values()).containsOnly(0L);
    assertThat(snapshot.delivered().values()).containsOnly(0L);
  }

  @Test
  void snapshotMapsCannotBeChanged() {
    Metrics metrics = new Metrics(true, UUID, clock);
    metrics.addRoute("/a", "A");
    PleziMetrics snapshot = metrics.snapshot(null, "local", 0, 0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> snapshot.routes().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> snapshot.routes().get("/a").closes().put("1000", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  /** One connection's sample: queued bytes, inbox, subscriptions, and its tally of frames sent. */
  private static ConnectionSample sample(
      long queuedBytes, long inbox, long subscriptions, long frames, long bytes) {
    ConnectionSample sample = new ConnectionSample();
    sample.queue(queuedBytes, frames, bytes);
    sample.connection(inbox, 0);
    sample.subscriptions(subscriptions);
    return sample;
  }
}
