package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * plezi.idle.timeoutMillis (#18): no application frame for that long closes with 4010; pongs and
 * the JavaScript client's heartbeat frames (answered with {@code _pong_}) do not count. A bad
 * heartbeat setting fails the deployment.
 */
@Timeout(120)
class IdleTimeoutIT {
  @AutoDispatch
  @Route("/idle")
  public static class Idle extends Controller {
    @Override
    protected void onClose(int code, String reason) {
      Journal.record("closed " + code + " " + reason);
    }

    @Event(from = Caller.CLIENT)
    String say() {
      return "said";
    }
  }

  private TestServer server;

  @BeforeEach
  void start() {
    Journal.clear();
    server =
        TestServer.start(
            Map.of(
                "plezi.idle.timeoutMillis", "1000",
                "plezi.ping.intervalMillis", "200",
                "plezi.ping.timeoutMillis", "2000"),
            Idle.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void heartbeatsAndPongsDoNotKeepAnIdleClientOpen() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/idle"))) {
      long opened = System.nanoTime();
      client.send("{\"event\":\"_ping_\"}");
      assertThat(client.nextText()).isEqualTo("{\"event\":\"_pong_\"}");
      client.send("{\"event\":\"_ping_\"}");
      assertThat(client.nextText()).isEqualTo("{\"event\":\"_pong_\"}");
      WsClient.Closed closed = client.awaitClose();
      assertThat(closed.code()).isEqualTo(CloseCodes.IDLE_TIMEOUT);
      assertThat(Duration.ofNanos(System.nanoTime() - opened))
          .isGreaterThan(Duration.ofMillis(950));
      assertThat(Journal.awaitEntry("closed ")).isEqualTo("closed 4010 idle timeout");
    }
  }

  @Test
  void aClientSendingApplicationFramesStaysOpen() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/idle"))) {
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      ticker.scheduleAtFixedRate(
          () -> {
            try {
              client.send("{\"event\":\"say\"}");
            } catch (java.io.IOException e) {
              Journal.record("send failed " + e);
            }
          },
          0,
          250,
          TimeUnit.MILLISECONDS);
      try {
        for (int i = 0; i < 12; i++) { // 3 s: three times the idle limit
          assertThat(client.nextText()).isEqualTo("said");
        }
      } finally {
        ticker.shutdownNow();
      }
      assertThat(Journal.pollNow()).isNull();
    }
  }

  @Test
  void aBadHeartbeatSettingFailsTheDeployment() {
    try (TestServer bad = TestServer.boot(Map.of("plezi.ping.intervalMillis", "5"), Idle.class)) {
      assertThat(bad.started()).isFalse();
    }
  }
}
