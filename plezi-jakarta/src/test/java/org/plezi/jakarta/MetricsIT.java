package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.RawHandshake;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** The metrics follow real traffic on a real Tomcat, with the exact counts the library knows. */
@Timeout(120)
class MetricsIT {
  /** Echoes; refuses the handshake with {@code ?deny}, throws in preConnect with {@code ?boom}. */
  @Route("/m")
  public static class Echo extends Controller {
    static final BlockingQueue<Echo> OPENED = new LinkedBlockingQueue<>();

    @Override
    protected boolean preConnect() {
      if (params().containsKey("boom")) {
        throw new IllegalStateException("preConnect fails on purpose");
      }
      return !params().containsKey("deny");
    }

    @Override
    protected void onOpen() {
      OPENED.add(this);
    }

    @Override
    protected void onMessage(String text) {
      write(text);
    }
  }

  private TestServer server;

  @BeforeEach
  void start() {
    Echo.OPENED.clear();
    server = TestServer.start(Map.of("plezi.outbound.maxBytes", "65536"), Echo.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private PleziMetrics.Route route() {
    return Plezi.metrics(server.servletContext()).routes().get("/m");
  }

  @Test
  void openConnectionsMessagesAndClosesAreCountedExactly() throws Exception {
    List<WsClient> clients = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clients.add(WsClient.connect(server.ws("/m")));
      Echo.OPENED.poll(20, TimeUnit.SECONDS);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> route().connections() == 3);
    assertThat(route().opened()).isEqualTo(3);
    assertThat(route().handshakes().accepted()).isEqualTo(3);

    for (WsClient client : clients) {
      client.send("hello"); // 5 chars in, 5 out
      client.expectText("hello");
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> route().traffic().messagesOut() == 3);
    PleziMetrics.Traffic traffic = route().traffic();
    assertThat(traffic.messagesIn()).isEqualTo(3);
    assertThat(traffic.bytesIn()).isEqualTo(15);
    assertThat(traffic.bytesOut()).isEqualTo(15);
    assertThat(traffic.dropped().values()).containsOnly(0L);

    for (WsClient client : clients) {
      client.close();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> route().connections() == 0);
    assertThat(route().closes()).containsEntry("1000", 3L);
    assertThat(route().opened()).isEqualTo(3);

    PleziHealth health = Plezi.health(server.servletContext());
    assertThat(health.ready()).isTrue();
    assertThat(health.live()).isTrue();
    assertThat(health.redis()).isEqualTo(PleziHealth.Redis.NOT_CONFIGURED);
    assertThat(Plezi.metrics(server.servletContext()).bus().type()).isEqualTo("local");
  }

  @Test
  void refusedHandshakesAreCountedByReason() throws Exception {
    try (RawHandshake denied = RawHandshake.open(server.ws("/m?deny=1"))) {
      assertThat(denied.status()).isEqualTo(403);
    }
    try (RawHandshake failed = RawHandshake.open(server.ws("/m?boom=1"))) {
      assertThat(failed.status()).isEqualTo(500);
    }
    try (RawHandshake denied = RawHandshake.open(server.ws("/m?deny=2"))) {
      assertThat(denied.status()).isEqualTo(403);
    }
    PleziMetrics.Handshakes handshakes = route().handshakes();
    assertThat(handshakes.refused())
        .containsEntry("pre_connect", 2L)
        .containsEntry("error", 1L)
        .containsEntry("not_websocket", 0L)
        .containsEntry("stopping", 0L);
    assertThat(handshakes.refusedTotal()).isEqualTo(3);
    assertThat(handshakes.accepted()).isZero();
    assertThat(route().connections()).isZero();
  }

  @Test
  void aStalledClientShowsInTheQueueGaugesThenOverflowsOnce() throws Exception {
    try (RawHandshake stalled = RawHandshake.open(server.ws("/m"))) {
      assertThat(stalled.status()).isEqualTo(101);
      Echo sink = Echo.OPENED.poll(20, TimeUnit.SECONDS);
      String kilobyte = "x".repeat(1024);
      int written = 0;
      PleziMetrics.Queues midway = null;
      // The kernel's loopback buffers take the first writes; then the queue holds the rest.
      while (sink.write(kilobyte)) {
        written++;
        assertThat(written).as("writes before overflow").isLessThan(1_000_000);
        PleziMetrics.Queues queues = route().queues();
        if (midway == null && queues.outboundBytes() >= 32 * 1024) {
          midway = queues;
        }
      }
      assertThat(midway).as("a snapshot while the queue was filling").isNotNull();
      assertThat(midway.largestOutboundBytes()).isEqualTo(midway.outboundBytes());
      assertThat(midway.outboundBytes()).isLessThanOrEqualTo(65536);

      await().atMost(Duration.ofSeconds(30)).until(stalled::drainUntilClosed);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> route().closes().getOrDefault("4001", 0L) == 1);
      PleziMetrics.Route route = route();
      assertThat(route.queues().outboundOverflows()).isEqualTo(1);
      assertThat(route.queues().outboundBytes()).isZero();
      assertThat(route.traffic().dropped().get("outbound_overflow")).isPositive();
      // Every frame written was either sent or dropped, the refused one included.
      long dropped = route.traffic().dropped().values().stream().mapToLong(Long::longValue).sum();
      assertThat(route.traffic().messagesOut() + dropped).isLessThanOrEqualTo(written + 1);
      assertThat(route.connections()).isZero();
    }
  }

  @Test
  void theDeploymentsMxBeansArePresentWhileDeployedAndGoneAfterUndeploy() throws Exception {
    MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
    String uuid = Plezi.serverUuid(server.servletContext());
    ObjectName ours = new ObjectName("org.plezi.jakarta:server=" + ObjectName.quote(uuid) + ",*");
    assertThat(beans.queryNames(ours, null))
        .extracting(name -> name.getKeyProperty("type"))
        .containsExactlyInAnyOrder("Deployment", "Route");
    ObjectName route =
        beans.queryNames(ours, null).stream()
            .filter(name -> "Route".equals(name.getKeyProperty("type")))
            .findFirst()
            .orElseThrow();
    assertThat(route.getKeyProperty("route")).isEqualTo(ObjectName.quote("/m"));
    try (WsClient client = WsClient.connect(server.ws("/m"))) {
      Echo.OPENED.poll(20, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> ((Number) beans.getAttribute(route, "Connections")).longValue() == 1);
    }
    server.close();
    assertThat(beans.queryNames(ours, null)).isEmpty();
  }

  @Test
  void withMetricsAndJmxOffNothingIsCountedNoBeanIsRegisteredAndHealthStillAnswers()
      throws Exception {
    try (TestServer off =
        TestServer.start(
            Map.of("plezi.metrics.enabled", "0", "plezi.metrics.jmx", "0"), Echo.class)) {
      try (WsClient client = WsClient.connect(off.ws("/m"))) {
        Echo.OPENED.poll(20, TimeUnit.SECONDS);
        client.send("hello");
        client.expectText("hello");
      }
      PleziMetrics metrics = Plezi.metrics(off.servletContext());
      assertThat(metrics.enabled()).isFalse();
      assertThat(metrics.routes().get("/m").opened()).isZero();
      assertThat(metrics.routes().get("/m").traffic().messagesIn()).isZero();
      assertThat(Plezi.health(off.servletContext()).ready()).isTrue();
      String uuid = Plezi.serverUuid(off.servletContext());
      ObjectName ours = new ObjectName("org.plezi.jakarta:server=" + ObjectName.quote(uuid) + ",*");
      assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(ours, null)).isEmpty();
    }
  }
}
