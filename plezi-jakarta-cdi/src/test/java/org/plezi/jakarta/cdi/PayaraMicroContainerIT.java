package org.plezi.jakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.plezi.jakarta.CloseCodes;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.cdi.payara.CounterController;
import org.plezi.jakarta.cdi.payara.LimitProducer;
import org.plezi.jakarta.testing.WarBuilder;
import org.plezi.jakarta.testing.WsClient;

/**
 * A real WAR on Payara Micro 6 (its own Weld, Tyrus and EJB container; nothing of CDI bundled):
 * Plezi's two jars in WEB-INF/lib, the application of {@code org.plezi.jakarta.cdi.payara} in
 * WEB-INF/classes (controllers, EJBs, a servlet), an {@code annotated} beans.xml. Runs with {@code
 * -Pcontainers}, which provides the Payara Micro jar and Arquillian's managed Payara Micro adapter
 * (arquillian.xml): one Payara start, with the WAR, for the whole class; the tests are its clients.
 */
@EnabledIfSystemProperty(named = "payara.micro.jar", matches = ".+")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(300)
class PayaraMicroContainerIT {
  private static final String BEANS_XML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0"
             bean-discovery-mode="annotated"/>
      """;

  /** The WAR's root on Payara (from the adapter). */
  @ArquillianResource URL deployed;

  @Deployment(testable = false)
  static WebArchive war() throws Exception {
    Path work = Files.createDirectories(Path.of("target", "payara"));
    Path war =
        new WarBuilder()
            .library("plezi-jakarta.jar", Controller.class)
            .library("plezi-jakarta-cdi.jar", PleziExtension.class)
            .packageOf(CounterController.class)
            .file("WEB-INF/beans.xml", BEANS_XML)
            .write(work.resolve("plezi-cdi-it.war"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, war.toFile());
  }

  /** {@code relative} (no leading '/') under the WAR's root. */
  private URI http(String relative) throws Exception {
    return deployed.toURI().resolve(relative);
  }

  private URI ws(String relative) throws Exception {
    return URI.create(http(relative).toString().replaceFirst("^http", "ws"));
  }

  /** A GET on Payara; the body, after checking for 200. */
  private String get(String relative) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(http(relative)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", relative, response.body()).isEqualTo(200);
    return response.body();
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void statelessEjbBroadcastsToWebsocketClientsThroughTheInjectedMessenger() throws Exception {
    try (WsClient first = WsClient.connect(ws("news"));
        WsClient second = WsClient.connect(ws("news"))) {
      first.expectText("ready");
      second.expectText("ready");

      assertThat(get("publish?text=" + query("from a stateless EJB"))).isEqualTo("published");

      first.expectText("news from a stateless EJB");
      second.expectText("news from a stateless EJB");
    }
  }

  @Test
  void singletonEjbNotifiesTheIdentityItsControllerRegistered() throws Exception {
    try (WsClient reader = WsClient.connect(ws("news?identity=reader-1"));
        WsClient other = WsClient.connect(ws("news?identity=reader-2"))) {
      reader.expectText("ready");
      other.expectText("ready");

      assertThat(get("mail?identity=reader-1&text=" + query("for you"))).isEqualTo("alive");

      reader.expectText("mail for you");
      other.expectNothingMore();
    }
    assertThat(get("mail?identity=nobody&text=lost")).isEqualTo("not alive");
  }

  @Test
  void controllerBeanUsesItsInjectedBeanOverARealWebsocket() throws Exception {
    try (WsClient client = WsClient.connect(ws("counter"))) {
      assertThat(client.nextText()).startsWith("controller ");

      client.send("payara");

      client.expectText("echo payara");
    }
  }

  @Test
  void eachConnectionGetsItsOwnControllerInstance() throws Exception {
    Set<String> numbers = new HashSet<>();
    try (WsClient first = WsClient.connect(ws("counter"));
        WsClient second = WsClient.connect(ws("counter"))) {
      numbers.add(first.nextText());
      numbers.add(second.nextText());
    }
    assertThat(numbers).hasSize(2);
  }

  @Test
  void closingTheConnectionRunsTheControllersPreDestroy() throws Exception {
    WsClient closing = WsClient.connect(ws("counter"));
    String number = closing.nextText().substring("controller ".length());
    closing.close();

    try (WsClient asking = WsClient.connect(ws("counter"))) {
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
    try (WsClient client = WsClient.connect(ws("plain-counter"))) {
      client.send("injected?");

      client.expectText("plain injected?");
    }
  }

  @Test
  void settingsProducerOfTheApplicationReachesTheRuntime() throws Exception {
    try (WsClient client = WsClient.connect(ws("plain-counter"))) {
      client.send("big " + (LimitProducer.OUTBOUND_MAX_BYTES / 2));
      assertThat(client.nextText()).hasSize(LimitProducer.OUTBOUND_MAX_BYTES / 2);

      client.send("big " + (LimitProducer.OUTBOUND_MAX_BYTES + 1));

      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.OUTBOUND_OVERFLOW);
    }
  }

  @Test
  void aMessageOverTheLimitClosesWith1009OnTyrusToo() throws Exception {
    try (WsClient client = WsClient.connect(ws("plain-counter"))) {
      client.send("x".repeat(LimitProducer.MESSAGE_MAX_BYTES - 10));
      assertThat(client.nextText()).startsWith("plain xxx");
      client.send("y".repeat(LimitProducer.MESSAGE_MAX_BYTES + 1));
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }
  }
}
