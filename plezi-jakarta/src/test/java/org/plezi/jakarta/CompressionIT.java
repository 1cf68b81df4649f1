package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.testing.RawHandshake;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * {@code plezi.websocket.compression}: a browser's offer of permessage-deflate is accepted by
 * default and declined at 0 (issue 15: on Tomcat it costs every connection about 18 KB of heap and
 * 100 to 300 KB of native memory); the websocket opens and works either way.
 */
class CompressionIT {
  /** What Chrome and Firefox send. */
  private static final String OFFER =
      "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";

  @Route("/squeeze")
  public static class Echo extends Controller {
    @Override
    protected void onMessage(String text) {
      write(text);
    }
  }

  @Test
  void theOfferIsAcceptedByDefault() throws Exception {
    try (TestServer server = TestServer.start(Echo.class);
        RawHandshake handshake = RawHandshake.open(server.ws("/squeeze"), OFFER)) {
      assertThat(handshake.status()).isEqualTo(101);
      assertThat(String.join(",", handshake.header("Sec-WebSocket-Extensions")))
          .startsWith("permessage-deflate");
    }
  }

  @Test
  void atZeroTheOfferIsDeclinedAndTheWebsocketStillWorks() throws Exception {
    try (TestServer server =
        TestServer.start(Map.of("plezi.websocket.compression", "0"), Echo.class)) {
      try (RawHandshake handshake = RawHandshake.open(server.ws("/squeeze"), OFFER)) {
        assertThat(handshake.status()).isEqualTo(101);
        assertThat(handshake.header("Sec-WebSocket-Extensions")).isEmpty();
      }
      try (WsClient client = WsClient.connect(server.ws("/squeeze"))) {
        client.send("still fine");
        client.expectText("still fine");
      }
    }
  }

  @Test
  void aValueOtherThanZeroOrOneFailsTheDeployment() {
    try (TestServer server =
        TestServer.boot(Map.of("plezi.websocket.compression", "2"), Echo.class)) {
      assertThat(server.started()).isFalse();
    }
  }
}
