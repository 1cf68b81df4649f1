package org.plezi.jakarta.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.Browser;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.Ports;
import org.plezi.jakarta.testing.TestServer;

/** The JavaScript client in a real headless Chromium against the embedded container. */
@Timeout(120)
class BrowserClientIT {
  /** Serves the test page at its own path, so {@code new PleziClient()} connects back to it. */
  @AutoDispatch
  @Route("/browser")
  public static class Page extends Controller {
    @Override
    protected String index() {
      return "<!doctype html><html><head><meta charset=\"utf-8\"><title>plezi</title>"
          + "<script src=\"/plezi/client.js\"></script></head><body>client test</body></html>";
    }

    @Event
    JsonObject echo(JsonObject message) {
      return Json.createObjectBuilder()
          .add("event", "echoed")
          .add("text", message.getString("text", ""))
          .build();
    }

    @Event
    String plain() {
      return "just text";
    }

    @Event
    JsonObject record(JsonObject message) {
      Journal.record("browser " + message.getString("text"));
      return Json.createObjectBuilder()
          .add("event", "recorded")
          .add("text", message.getString("text"))
          .build();
    }
  }

  /** Never acknowledges anything: the client's timeout path. */
  @Route("/silent")
  public static class Silent extends Controller {
    @Override
    protected void onMessage(String text) {
      Journal.record("silent got " + text.length());
    }
  }

  private static final Class<?>[] CONTROLLERS = {Page.class, Silent.class};
  private static Browser browser;
  private TestServer server;

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
  void startServerAndLoadPage() {
    Journal.clear();
    // A port the restart test can start the server on again: not one from the ephemeral range,
    // which the browser's own reconnects (or any other client) may take while the server is down.
    server = TestServer.startOn(Ports.free(), Map.of(), CONTROLLERS);
    browser.driver().get(server.http("/browser").toString());
    assertThat(browser.run("return typeof PleziClient")).isEqualTo("function");
  }

  @AfterEach
  void stopServer() {
    browser.run("if (window.client) { window.client.close(); }");
    server.close();
  }

  @Test
  void defaultUrlIsThePageItselfOverWs() {
    Object url =
        browser.runAsync(
            "window.client = new PleziClient();" + "client.onopen = () => done(client.url);");
    assertThat(url).isEqualTo("ws://127.0.0.1:" + server.port() + "/browser");
  }

  @Test
  void emitIsAcknowledgedWithItsOwnEid() {
    @SuppressWarnings("unchecked")
    Map<String, Object> result =
        (Map<String, Object>)
            browser.runAsync(
                "window.client = new PleziClient();"
                    + "client.onopen = () => client.emit({event: 'echo', text: 'hi'},"
                    + "  (ack, sent) => done({ack: ack, sent: sent}), () => done('timed out'));");
    @SuppressWarnings("unchecked")
    Map<String, Object> ack = (Map<String, Object>) result.get("ack");
    @SuppressWarnings("unchecked")
    Map<String, Object> sent = (Map<String, Object>) result.get("sent");
    assertThat(ack).containsEntry("event", "_ack_");
    assertThat(ack.get("_EID_")).isEqualTo(sent.get("_EID_")).isNotNull();
  }

  @Test
  void handlerPropertyNamedAfterTheEventReceivesTheReply() {
    Object text =
        browser.runAsync(
            "window.client = new PleziClient();"
                + "client.echoed = function (message) { done([this === client, message.text]); };"
                + "client.onopen = () => client.emit({event: 'echo', text: 'hello ü'});");
    assertThat(text).isEqualTo(List.of(true, "hello ü"));
  }

  @Test
  void unknownEventAndNonJsonRepliesGoToUnknown() {
    Object seen =
        browser.runAsync(
            "window.client = new PleziClient(); const seen = [];"
                + "client.unknown = (m) => { seen.push(m); if (seen.length === 2) done(seen); };"
                + "client.onopen = () => { client.emit('nope'); client.emit({event: 'plain'}); };");
    assertThat(seen).asList().hasSize(2);
    @SuppressWarnings("unchecked")
    Map<String, Object> err = (Map<String, Object>) ((List<?>) seen).get(0);
    assertThat(err)
        .containsEntry("event", "err")
        .containsEntry("status", 404L)
        .containsEntry("result", "not found");
    assertThat(((List<?>) seen).get(1)).isEqualTo("just text");
  }

  @Test
  void errHandlerTakesErrRepliesWhenSet() {
    Object status =
        browser.runAsync(
            "window.client = new PleziClient();"
                + "client.err = (m) => done(m.status); client.unknown = () => done('unknown');"
                + "client.onopen = () => client.emit('nope');");
    assertThat(status).isEqualTo(404L);
  }

  @Test
  void missingAckRunsTheTimeoutCallbackAndNotTheAckCallback() {
    Object outcome =
        browser.runAsync(
            "window.client = new PleziClient('/silent');"
                + "client.onopen = () => { const started = Date.now();"
                + "  client.emit({event: 'anything'}, () => done('acked'),"
                + "    (m) => done({event: m.event, eid: m._EID_, waited: Date.now() - started}), 300); };");
    @SuppressWarnings("unchecked")
    Map<String, Object> timedOut = (Map<String, Object>) outcome;
    assertThat(timedOut).containsEntry("event", "anything").containsKey("eid");
    assertThat((Long) timedOut.get("waited")).isBetween(250L, 10_000L);
  }

  @Test
  void defaultAckTimeoutIsSecondsNotMilliseconds() {
    assertThat(
            browser.run(
                "const c = new PleziClient('/silent', false);"
                    + "const t = c.ackTimeoutMs; c.close(); return t;"))
        .isEqualTo(5000L);
  }

  @Test
  void reconnectsAfterTheServerRestartsAndSendsTheQueuedEmitsInOrder() throws Exception {
    browser.runAsync(
        "window.opens = 0; window.closes = 0; window.recorded = [];"
            + "window.client = new PleziClient();"
            + "client.reconnectDelayMs = 100; client.reconnectMaxDelayMs = 400;"
            + "client.recorded = (m) => recorded.push(m.text);"
            + "client.onclose = () => { closes += 1; };"
            + "client.onopen = () => { opens += 1; if (opens === 1) done(); };");
    int port = server.port();
    server.close();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ((Long) browser.run("return window.closes;")) >= 1);
    assertThat(
            browser.run(
                "return [client.connected,"
                    + " client.emit({event: 'record', text: 'queued-1'}),"
                    + " client.emit({event: 'record', text: 'queued-2'}, () => { window.acked = true; })];"))
        .isEqualTo(List.of(false, true, true));
    server = TestServer.startOn(port, Map.of(), CONTROLLERS);
    Journal.expect("browser queued-1", "browser queued-2");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> List.of("queued-1", "queued-2").equals(browser.run("return window.recorded;")));
    assertThat(browser.run("return [window.opens >= 2, window.acked === true];"))
        .isEqualTo(List.of(true, true));
  }

  @Test
  void closeStopsReconnecting() throws Exception {
    browser.runAsync(
        "window.opens = 0; window.client = new PleziClient();"
            + "client.reconnectDelayMs = 50; client.reconnectMaxDelayMs = 100;"
            + "client.onclose = () => { window.closedEvent = true; };"
            + "client.onopen = () => { opens += 1; done(); };");
    browser.run("client.close();");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Boolean.TRUE.equals(browser.run("return window.closedEvent === true;")));
    // Long enough for several reconnect attempts at these delays, had close() not stopped them.
    Object result =
        browser.runAsync(
            "setTimeout(() => done([window.opens, client.connected,"
                + " client.emit('ping')]), 600);");
    assertThat(result).isEqualTo(List.of(1L, false, false));
  }
}
