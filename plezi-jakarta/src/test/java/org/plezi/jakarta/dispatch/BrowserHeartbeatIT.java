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
import org.plezi.jakarta.Caller;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.Browser;
import org.plezi.jakarta.testing.FreezingProxy;
import org.plezi.jakarta.testing.TestServer;

/**
 * The JavaScript client's heartbeat (#18) in headless Chromium: through a proxy that stops
 * forwarding (a path gone silent, no FIN, no RST), the client finds the server silent, reports 4009
 * and reconnects; a healthy connection's heartbeats never reach the application.
 */
@Timeout(120)
class BrowserHeartbeatIT {
  @AutoDispatch
  @Route("/hb")
  public static class Page extends Controller {
    @Override
    protected String index() {
      return "<!doctype html><html><head><meta charset=\"utf-8\"><title>plezi</title>"
          + "<script src=\"/plezi/client.js\"></script></head><body>heartbeat</body></html>";
    }

    @Event(from = Caller.CLIENT)
    JsonObject echo(JsonObject message) {
      return Json.createObjectBuilder()
          .add("event", "echoed")
          .add("text", message.getString("text", ""))
          .build();
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
    // The server's own pings off: what is tested is that the client finds the silence itself.
    server = TestServer.start(Map.of("plezi.ping.intervalMillis", "0"), Page.class);
    proxy = FreezingProxy.to(server.port());
    // The page comes through the proxy too, so the websocket is same-origin.
    browser.driver().get("http://127.0.0.1:" + proxy.port() + "/hb");
    assertThat(browser.run("return typeof PleziClient")).isEqualTo("function");
  }

  @AfterEach
  void stop() throws Exception {
    browser.run("if (window.client) { window.client.close(); }");
    proxy.close();
    server.close();
  }

  @Test
  void aSilentPathIsDroppedWith4009AndTheClientReconnects() {
    browser.runAsync(
        "window.opens = 0; window.closes = []; window.unknowns = []; window.echoes = [];"
            + "window.client = new PleziClient();"
            + "client.heartbeatMs = 300; client.heartbeatTimeoutMs = 700;"
            + "client.reconnectDelayMs = 100; client.reconnectMaxDelayMs = 200;"
            + "client.unknown = (m) => unknowns.push(m);"
            + "client.echoed = (m) => echoes.push(m.text);"
            + "client.onclose = (e) => closes.push([e.code, e.reason]);"
            + "client.onopen = () => { opens += 1; if (opens === 1) done(); };");
    // Healthy: several heartbeats are answered, none reaches a handler, nothing closes.
    Object healthy =
        browser.runAsync("setTimeout(() => done([opens, closes.length, unknowns.length]), 1500);");
    assertThat(healthy).isEqualTo(List.of(1L, 0L, 0L));
    browser.run("window.frozenAt = Date.now();");
    proxy.freeze();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ((Long) browser.run("return window.opens;")) >= 2);
    @SuppressWarnings("unchecked")
    List<Object> first = (List<Object>) ((List<?>) browser.run("return closes;")).get(0);
    assertThat(first).isEqualTo(List.of(4009L, "heartbeat timeout"));
    // Not before a heartbeat could have gone unanswered for its timeout.
    assertThat((Long) browser.run("return window.reopenedAfter = Date.now() - frozenAt;"))
        .isGreaterThan(650L);
    Object echoed =
        browser.runAsync(
            "client.echoed = (m) => done(m.text); client.emit({event: 'echo', text: 'back'});");
    assertThat(echoed).isEqualTo("back");
    assertThat(browser.run("return [closes.length, unknowns.length];")).isEqualTo(List.of(1L, 0L));
  }

  @Test
  void heartbeatZeroSendsNothingAndDetectsNothing() {
    Object result =
        browser.runAsync(
            "window.client = new PleziClient(); client.heartbeatMs = 0;"
                + "window.closes = 0; client.onclose = () => { closes += 1; };"
                + "client.onopen = () => setTimeout(() => done(closes), 100);");
    assertThat(result).isEqualTo(0L);
    proxy.freeze();
    Object later = browser.runAsync("setTimeout(() => done([closes, client.connected]), 1500);");
    assertThat(later).isEqualTo(List.of(0L, true));
  }
}
