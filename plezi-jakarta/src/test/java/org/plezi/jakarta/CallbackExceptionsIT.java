package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.RawHandshake;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** A callback that throws is logged and never harms the server or other connections. */
@Timeout(60)
class CallbackExceptionsIT {
  @Route("/fails-on-open")
  public static class FailsOnOpen extends Controller {
    @Override
    protected void onOpen() {
      write("written before the failure");
      throw new IllegalStateException("onOpen failure (expected by the test)");
    }

    @Override
    protected void onMessage(String text) {}

    @Override
    protected void onClose(int code, String reason) {
      Journal.record("fails-on-open closed " + code);
    }
  }

  @Route("/fails-on-message")
  public static class FailsOnMessage extends Controller {
    @Override
    protected void onMessage(String text) {
      if (text.equals("fail")) {
        throw new IllegalArgumentException("onMessage failure (expected by the test)");
      }
      write("ok " + text);
    }
  }

  @Route("/fails-on-shutdown-and-close")
  public static class FailsOnShutdownAndClose extends Controller {
    @Override
    protected void onMessage(String text) {
      write(text);
    }

    @Override
    protected void onShutdown() {
      Journal.record("onShutdown");
      throw new IllegalStateException("onShutdown failure (expected by the test)");
    }

    @Override
    protected void onClose(int code, String reason) {
      Journal.record("onClose " + code);
      throw new IllegalStateException("onClose failure (expected by the test)");
    }
  }

  @Route("/fails-in-constructor")
  public static class FailsInConstructor extends Controller {
    public FailsInConstructor() {
      throw new IllegalStateException("constructor failure (expected by the test)");
    }

    @Override
    protected void onMessage(String text) {}
  }

  private TestServer server;

  @BeforeEach
  void start() {
    Journal.clear();
    server =
        TestServer.start(
            FailsOnOpen.class,
            FailsOnMessage.class,
            FailsOnShutdownAndClose.class,
            FailsInConstructor.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void onOpenFailureClosesThatConnectionWithInternalError() throws Exception {
    try (WsClient bystander = WsClient.connect(server.ws("/fails-on-message"));
        WsClient client = WsClient.connect(server.ws("/fails-on-open"))) {
      client.expectText("written before the failure");
      assertThat(client.next()).isEqualTo(new WsClient.Closed(1011, "internal error"));
      bystander.send("still here");
      bystander.expectText("ok still here");
    }
    Journal.expect("fails-on-open closed 1011");
  }

  @Test
  void onMessageFailureDropsTheMessageAndKeepsTheConnection() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/fails-on-message"))) {
      client.send("one");
      client.expectText("ok one");
      client.send("fail");
      client.send("two");
      client.expectText("ok two");
    }
  }

  @Test
  void onShutdownAndOnCloseFailuresDoNotStopTheShutdown() throws Exception {
    WsClient first = WsClient.connect(server.ws("/fails-on-shutdown-and-close"));
    WsClient second = WsClient.connect(server.ws("/fails-on-shutdown-and-close"));
    first.send("a");
    first.expectText("a");
    second.send("b");
    second.expectText("b");
    server.stop();
    assertThat(first.awaitClose().code()).isEqualTo(1001);
    assertThat(second.awaitClose().code()).isEqualTo(1001);
    // Connections shut down in parallel: one may be closed before the other's onShutdown runs.
    List<String> entries = List.of(Journal.next(), Journal.next(), Journal.next(), Journal.next());
    assertThat(entries)
        .containsExactlyInAnyOrder("onShutdown", "onShutdown", "onClose 1001", "onClose 1001");
    assertThat(entries.indexOf("onShutdown")).isLessThan(entries.indexOf("onClose 1001"));
  }

  @Test
  void constructorFailureRefusesTheUpgradeWith500() throws Exception {
    try (RawHandshake refused = RawHandshake.open(server.ws("/fails-in-constructor"))) {
      assertThat(refused.status()).isEqualTo(500);
    }
  }
}
