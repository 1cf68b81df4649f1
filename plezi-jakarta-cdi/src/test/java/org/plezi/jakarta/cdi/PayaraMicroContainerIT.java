package org.plezi.jakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.CloseCodes;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.cdi.payara.CounterController;
import org.plezi.jakarta.cdi.payara.LimitProducer;
import org.plezi.jakarta.testing.PayaraMicro;
import org.plezi.jakarta.testing.WarBuilder;
import org.plezi.jakarta.testing.WsClient;

/**
 * A real WAR on Payara Micro 6 (its own Weld, Tyrus and EJB container; nothing of CDI bundled):
 * Plezi's two jars in WEB-INF/lib, the application of {@code org.plezi.jakarta.cdi.payara} in
 * WEB-INF/classes (controllers, EJBs, a servlet), an {@code annotated} beans.xml. Runs with {@code
 * -Pcontainers}, which provides the Payara Micro jar; one Payara start for the whole class.
 */
@Timeout(300)
class PayaraMicroContainerIT {
  private static final String BEANS_XML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0"
             bean-discovery-mode="annotated"/>
      """;

  private static PayaraMicro payara;

  private static long started;

  @BeforeAll
  static void deploy() throws Exception {
    String jar = System.getProperty("payara.micro.jar");
    assumeTrue(
        jar != null && Files.isRegularFile(Path.of(jar)),
        "no Payara Micro jar: run with -Pcontainers");
    started = System.nanoTime();
    Path work = Files.createDirectories(Path.of("target", "payara"));
    Path war =
        new WarBuilder()
            .library("plezi-jakarta.jar", Controller.class)
            .library("plezi-jakarta-cdi.jar", PleziExtension.class)
            .packageOf(CounterController.class)
            .file("WEB-INF/beans.xml", BEANS_XML)
            .write(work.resolve("plezi-cdi-it.war"));
    long built = System.nanoTime();
    payara =
        PayaraMicro.start(
            Path.of(jar), war, "/", work.resolve("run"), "/counter", Duration.ofMinutes(3));
    long ready = System.nanoTime();
    System.out.printf(
        "Payara Micro: WAR built in %d ms, server ready in %d ms%n",
        (built - started) / 1_000_000, (ready - built) / 1_000_000);
  }

  @AfterAll
  static void undeploy() throws Exception {
    if (payara != null) {
      long stopping = System.nanoTime();
      payara.close();
      long end = System.nanoTime();
      System.out.printf(
          "Payara Micro: stopped in %d ms; whole test %d ms%n",
          (end - stopping) / 1_000_000, (end - started) / 1_000_000);
    }
  }

  /** A GET on Payara; the body, after checking for 200. */
  private static String get(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(payara.http(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return response.body();
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void statelessEjbBroadcastsToWebsocketClientsThroughTheInjectedMessenger() throws Exception {
    try (WsClient first = WsClient.connect(payara.ws("/news"));
        WsClient second = WsClient.connect(payara.ws("/news"))) {
      first.expectText("ready");
      second.expectText("ready");

      assertThat(get("/publish?text=" + query("from a stateless EJB"))).isEqualTo("published");

      first.expectText("news from a stateless EJB");
      second.expectText("news from a stateless EJB");
    }
  }

  @Test
  void singletonEjbNotifiesTheIdentityItsControllerRegistered() throws Exception {
    try (WsClient reader = WsClient.connect(payara.ws("/news?identity=reader-1"));
        WsClient other = WsClient.connect(payara.ws("/news?identity=reader-2"))) {
      reader.expectText("ready");
      other.expectText("ready");

      assertThat(get("/mail?identity=reader-1&text=" + query("for you"))).isEqualTo("alive");

      reader.expectText("mail for you");
      other.expectNothingMore();
    }
    assertThat(get("/mail?identity=nobody&text=lost")).isEqualTo("not alive");
  }

  @Test
  void controllerBeanUsesItsInjectedBeanOverARealWebsocket() throws Exception {
    try (WsClient client = WsClient.connect(payara.ws("/counter"))) {
      assertThat(client.nextText()).startsWith("controller ");

      client.send("payara");

      client.expectText("echo payara");
    }
  }

  @Test
  void eachConnectionGetsItsOwnControllerInstance() throws Exception {
    Set<String> numbers = new HashSet<>();
    try (WsClient first = WsClient.connect(payara.ws("/counter"));
        WsClient second = WsClient.connect(payara.ws("/counter"))) {
      numbers.add(first.nextText());
      numbers.add(second.nextText());
    }
    assertThat(numbers).hasSize(2);
  }

  @Test
  void closingTheConnectionRunsTheControllersPreDestroy() throws Exception {
    WsClient closing = WsClient.connect(payara.ws("/counter"));
    String number = closing.nextText().substring("controller ".length());
    closing.close();

    try (WsClient asking = WsClient.connect(payara.ws("/counter"))) {
      asking.nextText();
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                asking.send("destroyed? " + number);
                assertThat(asking.nextText()).isEqualTo("yes");
              });
    }
  }

  @Test
  void controllerCdiDidNotDiscoverIsInjectedByTheServersCdi() throws Exception {
    try (WsClient client = WsClient.connect(payara.ws("/plain-counter"))) {
      client.send("injected?");

      client.expectText("plain injected?");
    }
  }

  @Test
  void settingsProducerOfTheApplicationReachesTheRuntime() throws Exception {
    try (WsClient client = WsClient.connect(payara.ws("/plain-counter"))) {
      client.send("big " + (LimitProducer.OUTBOUND_MAX_BYTES / 2));
      assertThat(client.nextText()).hasSize(LimitProducer.OUTBOUND_MAX_BYTES / 2);

      client.send("big " + (LimitProducer.OUTBOUND_MAX_BYTES + 1));

      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.OUTBOUND_OVERFLOW);
    }
  }

  @Test
  void aMessageOverTheLimitClosesWith1009OnTyrusToo() throws Exception {
    try (WsClient client = WsClient.connect(payara.ws("/plain-counter"))) {
      client.send("x".repeat(LimitProducer.MESSAGE_MAX_BYTES - 10));
      assertThat(client.nextText()).startsWith("plain xxx");
      client.send("y".repeat(LimitProducer.MESSAGE_MAX_BYTES + 1));
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }
  }
}
