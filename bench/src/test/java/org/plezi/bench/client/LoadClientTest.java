package org.plezi.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.bench.server.BenchTomcat;
import org.plezi.bench.server.FanController;
import org.plezi.bench.server.RawEndpoint;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.internal.runtime.PleziRuntime;

/** The load client against the bench's real server (embedded Tomcat, both sides). */
@Timeout(60)
class LoadClientTest {
  private static final List<String> FROM = List.of("127.0.0.2", "127.0.0.3");
  private static final RawEndpoint.Hub HUB = new RawEndpoint.Hub();
  private static BenchTomcat server;
  private static LoadClient client;

  @BeforeAll
  static void start() throws IOException {
    server = BenchTomcat.start(null, HUB);
    client = new LoadClient(16);
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.close();
  }

  private static InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.port());
  }

  @Test
  void everyConnectionOfBothSidesGetsEveryBroadcast() throws Exception {
    // Both sides count the connections their server registered: a client's handshake completes
    // before the server runs onOpen, and a broadcast reaches only what is registered by then.
    // Connections of the other tests may still be leaving: count from none.
    PleziRuntime runtime =
        (PleziRuntime) server.servletContext().getAttribute(PleziRuntime.ATTRIBUTE);
    org.awaitility.Awaitility.await()
        .until(() -> HUB.size() == 0 && runtime.connections().size() == 0);
    CountDownLatch all = new CountDownLatch(2 * 40 * 5);
    LoadClient.Handler count = (c, data, offset, length, now) -> all.countDown();
    ConnectionGroup raw = client.open(address(), "/raw", 40, FROM, count, Duration.ofSeconds(20));
    ConnectionGroup plezi =
        client.open(address(), "/plezi", 40, FROM, count, Duration.ofSeconds(20));
    org.awaitility.Awaitility.await()
        .until(() -> HUB.size() == 40 && runtime.connections().size() == 40);
    for (int i = 0; i < 5; i++) {
      HUB.broadcast("raw " + i);
      Plezi.messenger(server.servletContext()).broadcast(FanController.class, "fan", "lib " + i);
    }
    assertThat(all.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(raw.messages()).isEqualTo(200);
    assertThat(plezi.messages()).isEqualTo(200);
    client.close(raw, Duration.ofSeconds(20));
    client.close(plezi, Duration.ofSeconds(20));
    assertThat(raw.unexpectedCloses()).isEmpty();
    assertThat(raw.connections()).allSatisfy(c -> assertThat(c.closeCode()).isEqualTo(1000));
  }

  @Test
  void textSentByTheClientIsMaskedCorrectlyAndEchoed() throws Exception {
    ConcurrentLinkedQueue<String> echoes = new ConcurrentLinkedQueue<>();
    ConnectionGroup group =
        client.open(
            address(),
            "/plezi",
            1,
            FROM,
            (c, data, offset, length, now) ->
                echoes.add(
                    new String(data, offset, length, java.nio.charset.StandardCharsets.UTF_8)),
            Duration.ofSeconds(20));
    String text = "héllo ".repeat(50);
    client.sendText(group.connections().get(0), text);
    org.awaitility.Awaitility.await().until(() -> !echoes.isEmpty());
    assertThat(echoes).containsExactly(text);
    client.close(group, Duration.ofSeconds(20));
  }

  @Test
  void aRefusedUpgradeFailsTheOpenWithTheStatus() {
    assertThatThrownBy(
            () ->
                client.open(
                    address(),
                    "/nothing-here",
                    3,
                    FROM,
                    (c, data, offset, length, now) -> {},
                    Duration.ofSeconds(20)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("404");
  }

  @Test
  void aServerCloseNobodyAskedForIsCountedByCode() throws Exception {
    ConnectionGroup group =
        client.open(
            address(),
            "/plezi",
            2,
            FROM,
            (c, data, offset, length, now) -> {},
            Duration.ofSeconds(20));
    server.close(); // stops Tomcat: a 1001 close frame, or the socket just ends (1006)
    try {
      org.awaitility.Awaitility.await().until(() -> group.closed.get() == 2);
      assertThat(group.unexpectedCloses().keySet()).isSubsetOf(1001, 1006);
      assertThat(group.unexpectedCloses().values().stream().mapToInt(n -> n.get()).sum())
          .isEqualTo(2);
    } finally {
      server = BenchTomcat.start(null, HUB);
    }
  }
}
