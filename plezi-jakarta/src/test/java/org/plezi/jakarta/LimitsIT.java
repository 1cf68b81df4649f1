package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.RawHandshake;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** plezi.connections.max (503 before any controller) and the inbound rate limit (4008). */
@Timeout(120)
class LimitsIT {
  @Route("/echo")
  public static class Echo extends Controller {
    static final AtomicInteger PRE_CONNECTS = new AtomicInteger();

    @Override
    protected boolean preConnect() {
      PRE_CONNECTS.incrementAndGet();
      return true;
    }

    @Override
    protected void onMessage(String text) {
      write(text);
    }

    @Override
    protected void onMessage(byte[] data) {
      write(data);
    }
  }

  @Test
  void anUpgradeBeyondTheLimitGets503WithRetryAfterAndAPlaceFreesWhenAConnectionCloses()
      throws Exception {
    try (TestServer server = TestServer.start(Map.of("plezi.connections.max", "2"), Echo.class)) {
      List<WsClient> open = new ArrayList<>();
      open.add(WsClient.connect(server.ws("/echo")));
      open.add(WsClient.connect(server.ws("/echo")));
      int before = Echo.PRE_CONNECTS.get();
      for (int i = 0; i < 10; i++) {
        try (RawHandshake refused = RawHandshake.open(server.ws("/echo"))) {
          assertThat(refused.status()).isEqualTo(503);
          assertThat(refused.header("Retry-After")).containsExactly("5");
        }
      }
      assertThat(Echo.PRE_CONNECTS.get())
          .as("no controller for a refused upgrade")
          .isEqualTo(before);
      open.get(0).close();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                try (RawHandshake again = RawHandshake.open(server.ws("/echo"))) {
                  return again.status() == 101;
                }
              });
      open.get(1).close();
    }
  }

  @Test
  void aClientOverTheInboundRateIsClosedWith4008AndAPoliteOneIsNot() throws Exception {
    Map<String, String> limited =
        Map.of("plezi.inbound.messagesPerSecond", "5", "plezi.inbound.burst", "5");
    try (TestServer server = TestServer.start(limited, Echo.class);
        WsClient polite = WsClient.connect(server.ws("/echo"));
        WsClient flood = WsClient.connect(server.ws("/echo"))) {
      for (int i = 0; i < 5; i++) {
        polite.send("m" + i);
      }
      for (int i = 0; i < 5; i++) {
        polite.expectText("m" + i);
      }
      for (int i = 0; i < 200; i++) {
        if (!flood.session().isOpen()) {
          break;
        }
        try {
          if (i % 2 == 0) {
            flood.send("x" + i);
          } else {
            flood.send(new byte[] {(byte) i}); // binary frames count too
          }
        } catch (java.io.IOException closedMeanwhile) {
          break;
        }
      }
      WsClient.Closed closed = flood.awaitClose();
      assertThat(closed.code()).isEqualTo(CloseCodes.RATE_LIMITED);
      assertThat(closed.reason()).isEqualTo("rate limit exceeded");
      assertThat(polite.session().isOpen()).isTrue();
    }
  }
}
