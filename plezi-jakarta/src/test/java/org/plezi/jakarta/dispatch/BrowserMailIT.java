package org.plezi.jakarta.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Caller;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.Browser;
import org.plezi.jakarta.testing.FreezingProxy;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * The JavaScript client's side of client-confirmed mailboxes (#18) in headless Chromium: it
 * confirms mail after the handler ran, batched, and a message handed again after a reconnect (its
 * confirmation never left) reaches the handler once.
 */
@Timeout(120)
class BrowserMailIT {
  @AutoDispatch
  @Route("/mailpage")
  public static class Page extends Controller {
    @Override
    protected String index() {
      return "<!doctype html><html><head><meta charset=\"utf-8\"><title>plezi</title>"
          + "<script src=\"/plezi/client.js\"></script></head><body>mail</body></html>";
    }

    @Event(from = Caller.CLIENT)
    JsonObject login(JsonObject message) {
      registerAs(message.getString("name"));
      return Json.createObjectBuilder().add("event", "in").build();
    }

    @Event(from = Caller.SERVER)
    JsonObject mail(String text) {
      return Json.createObjectBuilder().add("event", "mail").add("text", text).build();
    }
  }

  private static Browser browser;
  private TestServer server;
  private FreezingProxy proxy;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(Map.of(), Page.class);
    proxy = FreezingProxy.to(server.port());
    browser.driver().get("http://127.0.0.1:" + proxy.port() + "/mailpage");
    assertThat(browser.run("return typeof PleziClient")).isEqualTo("function");
  }

  @AfterEach
  void stop() throws Exception {
    browser.run("if (window.client) { window.client.close(); }");
    proxy.close();
    server.close();
  }

  private Messenger messenger() {
    return Plezi.messenger(server.servletContext());
  }

  @SuppressWarnings("unchecked")
  private List<Object> handled() {
    return (List<Object>) browser.run("return window.handled.slice();");
  }

  private static List<String> texts(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "m" + i).toList();
  }

  @Test
  void mailHandedAgainAfterAReconnectReachesTheHandlerOnceAndIsConfirmedThen() throws Exception {
    browser.runAsync(
        "window.handled = []; window.ins = 0; window.unknowns = [];"
            + "window.client = new PleziClient();"
            + "client.reconnectDelayMs = 100; client.reconnectMaxDelayMs = 200;"
            + "client.ackDelayMs = 60000; client.ackBatch = 1000;" // hold the confirmations
            + "client.mail = (m) => handled.push(m.text);"
            + "client.unknown = (m) => unknowns.push(m);"
            + "client.in = () => { ins += 1; if (ins === 1) done(); };"
            + "client.onopen = () => client.emit({event: 'login', name: 'ada'});");
    for (int i = 1; i <= 10; i++) {
      assertThat(messenger().notify("ada", "mail", "m" + i)).isTrue();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> handled().size() == 10);
    // The path drops before any confirmation left: the server still holds all ten.
    browser.run("client.ackDelayMs = 50;");
    proxy.cut();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ((Long) browser.run("return window.ins;")) >= 2);
    assertThat(messenger().notify("ada", "mail", "m11")).isTrue();
    await().atMost(Duration.ofSeconds(20)).until(() -> handled().size() >= 11);
    Thread.sleep(300);
    assertThat(handled()).isEqualTo(texts(1, 11));
    assertThat(browser.run("return window.unknowns.length;")).isEqualTo(0L);
    // The repeats were confirmed: a login elsewhere finds the mailbox empty.
    // (The last confirmation may still be on its way: a login that confirms nothing looks until
    // it finds the mailbox empty.)
    browser.run("client.close();");
    await().atMost(Duration.ofSeconds(10)).until(this::mailboxIsEmpty);
  }

  private boolean mailboxIsEmpty() throws Exception {
    try (WsClient other = WsClient.connect(server.ws("/mailpage"))) {
      other.send("{\"event\":\"login\",\"name\":\"ada\"}");
      assertThat(other.nextText()).isEqualTo("{\"event\":\"in\"}");
      return other.session().isOpen() && pollNothing(other);
    }
  }

  private static boolean pollNothing(WsClient client) {
    try {
      client.expectNothingMore();
      return true;
    } catch (AssertionError | InterruptedException e) {
      return false;
    }
  }

  @Test
  void confirmationsAreBatchedAndSentAfterTheHandler() throws Exception {
    browser.runAsync(
        "window.handled = []; window.sent = [];"
            + "window.client = new PleziClient();"
            + "client.ackDelayMs = 2000;"
            + "client.mail = (m) => handled.push(m.text);"
            + "client.in = () => {"
            + "  const original = WebSocket.prototype.send;"
            + "  WebSocket.prototype.send = function (t) { sent.push(t); return original.call(this, t); };"
            + "  done(); };"
            + "client.onopen = () => client.emit({event: 'login', name: 'bo'});");
    for (int i = 1; i <= 5; i++) {
      assertThat(messenger().notify("bo", "mail", "m" + i)).isTrue();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> handled().size() == 5);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ((Long) browser.run("return window.sent.length;")) >= 1);
    Thread.sleep(300);
    @SuppressWarnings("unchecked")
    List<Object> sent = (List<Object>) browser.run("return window.sent;");
    // One frame for the five: the highest number confirms the earlier ones.
    assertThat(sent).containsExactly("{\"event\":\"_mack_\",\"m\":[[\"bo\",5]]}");
  }
}
