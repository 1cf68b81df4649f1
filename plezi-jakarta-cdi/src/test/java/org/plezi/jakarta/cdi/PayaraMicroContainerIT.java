package org.plezi.jakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.plezi.jakarta.cdi.testing.PayaraMicro;
import org.plezi.jakarta.cdi.testing.WarBuilder;
import org.plezi.jakarta.testing.WsClient;

/**
 * A real WAR on Payara Micro 6 (its own Weld and Tyrus; nothing of CDI bundled): Plezi's two jars
 * in WEB-INF/lib, the application of {@code org.plezi.jakarta.cdi.payara} in WEB-INF/classes, an
 * {@code annotated} beans.xml. Runs with {@code -Pcontainers}, which provides the Payara Micro jar.
 */
@Timeout(300)
class PayaraMicroContainerIT {
  private static final String BEANS_XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0"
             bean-discovery-mode="annotated"/>
      """;

  private static PayaraMicro payara;

  private static long started;

  @BeforeAll
  static void deploy() throws Exception {
    String jar = System.getProperty("payara.micro.jar");
    assumeTrue(jar != null && Files.isRegularFile(Path.of(jar)),
        "no Payara Micro jar: run with -Pcontainers");
    started = System.nanoTime();
    Path work = Files.createDirectories(Path.of("target", "payara"));
    Path war = new WarBuilder()
        .library("plezi-jakarta.jar", Controller.class)
        .library("plezi-jakarta-cdi.jar", PleziExtension.class)
        .packageOf(CounterController.class)
        .file("WEB-INF/beans.xml", BEANS_XML)
        .write(work.resolve("plezi-cdi-it.war"));
    long built = System.nanoTime();
    payara = PayaraMicro.start(Path.of(jar), war, work, "/counter", Duration.ofMinutes(3));
    long ready = System.nanoTime();
    System.out.printf("Payara Micro: WAR built in %d ms, server ready in %d ms%n",
        (built - started) / 1_000_000, (ready - built) / 1_000_000);
  }

  @AfterAll
  static void undeploy() throws Exception {
    if (payara != null) {
      long stopping = System.nanoTime();
      payara.close();
      long end = System.nanoTime();
      System.out.printf("Payara Micro: stopped in %d ms; whole test %d ms%n",
          (end - stopping) / 1_000_000, (end - started) / 1_000_000);
    }
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
      Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
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
}
