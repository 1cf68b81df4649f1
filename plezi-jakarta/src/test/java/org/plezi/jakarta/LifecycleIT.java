package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.CloseReason;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

@Timeout(60)
class LifecycleIT {
  @Route("/life")
  public static class Life extends Controller {
    @Override
    protected boolean preConnect() {
      Journal.record("preConnect");
      return true;
    }

    @Override
    protected void onOpen() {
      Journal.record("onOpen " + uuid().length());
      write("welcome");
    }

    @Override
    protected void onMessage(String text) {
      Journal.record("text " + text);
      write("echo " + text);
    }

    @Override
    protected void onMessage(byte[] data) {
      Journal.record("binary " + data.length);
      write(data);
    }

    @Override
    protected void onShutdown() {
      Journal.record("onShutdown");
      write("goodbye");
    }

    @Override
    protected void onClose(int code, String reason) {
      Journal.record("onClose " + code + " " + reason);
    }
  }

  @Route("/text-only")
  public static class TextOnly extends Controller {
    @Override
    protected void onMessage(String text) {
      write(text);
    }

    @Override
    protected void onClose(int code, String reason) {
      Journal.record("text-only closed " + code);
    }
  }

  @Route("/binary-only")
  public static class BinaryOnly extends Controller {
    @Override
    protected void onMessage(byte[] data) {
      write(data);
    }
  }

  /** Fails loudly if two of its callbacks ever overlap. */
  @Route("/serial")
  public static class Serial extends Controller {
    private final java.util.concurrent.atomic.AtomicInteger running =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    protected void onMessage(String text) {
      if (running.incrementAndGet() != 1) {
        write("overlap");
      }
      write(text);
      running.decrementAndGet();
    }
  }

  private TestServer server;

  @BeforeEach
  void start() {
    Journal.clear();
    server =
        TestServer.start(
            Map.of("plezi.message.maxBytes", "1024"),
            Life.class,
            TextOnly.class,
            BinaryOnly.class,
            Serial.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void callbacksRunInOrderFromPreConnectToOnClose() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/life"))) {
      client.expectText("welcome");
      client.send("hello");
      client.expectText("echo hello");
      client.send(new byte[] {1, 2, 3});
      assertThat(client.next())
          .isInstanceOfSatisfying(
              WsClient.Binary.class, b -> assertThat(b.data()).containsExactly(1, 2, 3));
      client.session().close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
    }
    String serverUuid = Plezi.serverUuid(server.servletContext());
    assertThat(serverUuid).hasSize(36);
    Journal.expect("preConnect", "onOpen 37", "text hello", "binary 3", "onClose 1000 bye");
  }

  @Test
  void inboundMessagesOfOneConnectionAreHandledOneAtATimeInOrder() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/serial"))) {
      for (int i = 0; i < 500; i++) {
        client.session().getAsyncRemote().sendText(Integer.toString(i));
      }
      for (int i = 0; i < 500; i++) {
        client.expectText(Integer.toString(i));
      }
      client.expectNothingMore();
    }
  }

  @Test
  void connectionsHaveDistinctUuidsStartingWithTheServerUuid() throws Exception {
    try (WsClient a = WsClient.connect(server.ws("/life"));
        WsClient b = WsClient.connect(server.ws("/life"))) {
      a.expectText("welcome");
      b.expectText("welcome");
    }
    String serverUuid = Plezi.serverUuid(server.servletContext());
    assertThat(serverUuid).matches("[0-9a-f-]{36}");
  }

  @Test
  void shutdownCallsOnShutdownWritesGoodbyeThenClosesWithGoingAway() throws Exception {
    WsClient client = WsClient.connect(server.ws("/life"));
    client.expectText("welcome");
    Journal.expect("preConnect", "onOpen 37");
    server.stop();
    client.expectText("goodbye");
    assertThat(client.next()).isEqualTo(new WsClient.Closed(1001, "server shutting down"));
    Journal.expect("onShutdown", "onClose 1001 server shutting down");
  }

  @Test
  void oversizedMessageClosesWith1009() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/life"))) {
      client.expectText("welcome");
      client.send("x".repeat(1024));
      client.expectText("echo " + "x".repeat(1024));
      client.send("y".repeat(1025));
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }
    Journal.awaitEntry("onClose 1009");
  }

  @Test
  void oversizedBinaryMessageClosesWith1009() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/life"))) {
      client.expectText("welcome");
      client.send(new byte[1025]);
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }
  }

  @Test
  void binaryFrameToTextOnlyControllerClosesWithUnsupportedData() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/text-only"))) {
      client.send("text works");
      client.expectText("text works");
      client.send("binary does not".getBytes(StandardCharsets.UTF_8));
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
    }
    Journal.awaitEntry("text-only closed 1003");
  }

  @Test
  void textFrameToBinaryOnlyControllerClosesWithUnsupportedData() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/binary-only"))) {
      client.send(new byte[] {7});
      assertThat(client.next()).isInstanceOf(WsClient.Binary.class);
      client.send("no text here");
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
    }
  }
}
