package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

@Timeout(60)
class WebsocketHandOffIT {
  @Route("/echo")
  public static class Echo extends Controller {
    @Override
    protected void onMessage(String text) {
      write(text);
    }
  }

  @Test
  void clientOpeningTheReservedRelayPathItselfIsClosedWithPolicyViolation() throws Exception {
    BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
    try (TestServer server = TestServer.start(Echo.class);
        WsClient routed = WsClient.connect(server.ws("/echo"))) {
      // A bare client: the server may close before the handshake call even returns.
      ClientManager.createClient()
          .connectToServer(
              new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {}

                @Override
                public void onClose(Session session, CloseReason reason) {
                  closes.add(reason);
                }
              },
              ClientEndpointConfig.Builder.create().build(),
              server.ws("/.plezi-upgrade/guessed"));

      CloseReason closed = closes.poll(20, TimeUnit.SECONDS);

      assertThat(closed).isNotNull();
      assertThat(closed.getCloseCode().getCode()).isEqualTo(1008);
      routed.send("still fine");
      routed.expectText("still fine");
    }
  }
}
