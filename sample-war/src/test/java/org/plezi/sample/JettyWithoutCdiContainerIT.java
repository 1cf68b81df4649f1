package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.testing.WarBuilder;
import org.plezi.jakarta.testing.WsClient;
import org.plezi.sample.nocdi.EchoRoom;

/**
 * The library on a standalone Jetty 12 without CDI (issue 20): Jetty with {@value
 * StandaloneJetty#MODULES_WITHOUT_CDI} only (no {@code ee10-cdi}), and a WAR of the test's own with
 * nothing but the core jar in WEB-INF/lib and one controller ({@link EchoRoom}): no beans.xml, no
 * Weld, no CDI module. The container's initializer finds the controller, which is made by
 * reflection and serves HTTP and websocket. {@link JettyContainerIT} is the same Jetty with CDI.
 */
@EnabledIfSystemProperty(named = Containers.ARQUILLIAN, matches = "none")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class JettyWithoutCdiContainerIT {
  private StandaloneJetty jetty;

  @BeforeAll
  void deploy() throws Exception {
    Path home = Containers.required("plezi.jetty.home");
    Path war =
        new WarBuilder()
            .library("plezi-jakarta.jar", Controller.class)
            .packageOf(EchoRoom.class)
            .file("index.html", "<!doctype html><title>no CDI</title>")
            .write(Containers.runDirectory("jetty-war-without-cdi").resolve("nocdi.war"));
    jetty =
        StandaloneJetty.start(
            home, war, StandaloneJetty.MODULES_WITHOUT_CDI, ContainerChatChecks.START_TIMEOUT);
  }

  @AfterAll
  void stop() {
    if (jetty != null) {
      jetty.close();
    }
  }

  @Test
  void theControllerServesHttpAndWebsocketsWithNoCdiInTheContainer() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(jetty.site().http("echo")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    // Jetty's ee10-plus brings the CDI API jar (not a container): either way no CDI runs
    assertThat(page.body()).isIn("no cdi api", "no cdi container: IllegalStateException");

    URI ws = URI.create(jetty.site().http("echo").toString().replaceFirst("^http", "ws"));
    try (WsClient first = WsClient.connect(ws);
        WsClient second = WsClient.connect(ws)) {
      assertThat(first.nextText()).startsWith("open ");
      assertThat(second.nextText()).startsWith("open ");
      first.send("hello from jetty");
      first.expectText("echo hello from jetty");
      second.expectText("said hello from jetty");
      first.expectNothingMore(); // a broadcast skips its sender
      second.expectNothingMore();
    }
    String console = Files.readString(jetty.consoleLog());
    assertThat(console).contains("Plezi server ").contains(" started for /nocdi");
    assertThat(console).doesNotContain("SEVERE").doesNotContain("Exception");
  }
}
