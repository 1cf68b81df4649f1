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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Caller;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.internal.runtime.PleziRuntime;
import org.plezi.jakarta.testing.Browser;
import org.plezi.jakarta.testing.FreezingProxy;
import org.plezi.jakarta.testing.TestServer;

/**
 * The JavaScript client's side of channel recovery (#18) in headless Chromium: it remembers each
 * channel's last position, sends it on reconnect, and its handler sees every publication once and
 * in order; a history that no longer covers the gap calls onrecoveryfailed.
 */
@Timeout(120)
class BrowserChannelIT {
  /** Subscribes in onOpen, as most controllers do; replies each publication as JSON. */
  @AutoDispatch
  @Route("/channelpage")
  public static class Page extends Controller {
    @Override
    protected String index() {
      return "<!doctype html><html><head><meta charset=\"utf-8\"><title>plezi</title>"
          + "<script src=\"/plezi/client.js\"></script></head><body>channel</body></html>";
    }

    @Override
    protected void onOpen() {
      subscribe("news");
      write("{\"event\":\"ready\"}");
    }

    @Event(from = Caller.SERVER)
    JsonObject said(String text) {
      return Json.createObjectBuilder().add("event", "said").add("text", text).build();
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

  @AfterEach
  void stop() throws Exception {
    browser.run("if (window.client) { window.client.close(); }");
    proxy.close();
    server.close();
  }

  private void start(int historySize) throws Exception {
    server =
        TestServer.start(
            Map.of("plezi.channels.historySize", String.valueOf(historySize)), Page.class);
    proxy = FreezingProxy.to(server.port());
    browser.driver().get("http://127.0.0.1:" + proxy.port() + "/channelpage");
    assertThat(browser.run("return typeof PleziClient")).isEqualTo("function");
    // A reconnect comes 2 to 4 s after the cut: what is published meanwhile is missed.
    browser.runAsync(
        "window.handled = []; window.failed = []; window.readies = 0;"
            + "window.client = new PleziClient();"
            + "client.reconnectDelayMs = 4000; client.reconnectMaxDelayMs = 4000;"
            + "client.said = (m) => handled.push(m.text);"
            + "client.onrecoveryfailed = (channel) => failed.push(channel);"
            + "client.ready = () => { readies += 1; if (readies === 1) done(); };");
  }

  private Messenger messenger() {
    return Plezi.messenger(server.servletContext());
  }

  private long subscriptions() {
    PleziRuntime runtime =
        (PleziRuntime) server.servletContext().getAttribute(PleziRuntime.ATTRIBUTE);
    return runtime.messaging().channels().subscriptionCount();
  }

  @SuppressWarnings("unchecked")
  private List<Object> handled() {
    return (List<Object>) browser.run("return window.handled.slice();");
  }

  private static List<String> texts(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "m" + i).toList();
  }

  private void publish(int from, int to) {
    for (int i = from; i <= to; i++) {
      messenger().publish("news", "said", "m" + i);
    }
  }

  /** Cuts the path, waits until the server let the connection go, publishes while it is away. */
  private void missWhileAway(int from, int to) {
    proxy.cut();
    await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions() == 0);
    publish(from, to);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ((Long) browser.run("return window.readies;")) >= 2);
  }

  @Test
  void whatWasPublishedWhileAwayReachesTheHandlerOnceInOrderAfterTheReconnect() throws Exception {
    start(100);
    publish(1, 5);
    await().atMost(Duration.ofSeconds(20)).until(() -> handled().size() == 5);
    missWhileAway(6, 10);
    publish(11, 12);
    await().atMost(Duration.ofSeconds(20)).until(() -> handled().size() >= 12);
    Thread.sleep(300); // a repeat would show here
    assertThat(handled()).isEqualTo(texts(1, 12));
    assertThat(browser.run("return window.failed.length;")).isEqualTo(0L);
  }

  @Test
  void aHistoryTrimmedPastTheClientsPositionCallsOnRecoveryFailedThenLiveGoesOn() throws Exception {
    start(3);
    publish(1, 2);
    await().atMost(Duration.ofSeconds(20)).until(() -> handled().size() == 2);
    missWhileAway(3, 8); // the history keeps 6 to 8
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ((Long) browser.run("return window.failed.length;")) == 1);
    assertThat(browser.run("return window.failed[0];")).isEqualTo("news");
    publish(9, 9);
    await().atMost(Duration.ofSeconds(20)).until(() -> handled().size() >= 3);
    Thread.sleep(300);
    assertThat(handled()).containsExactly("m1", "m2", "m9");
  }
}
