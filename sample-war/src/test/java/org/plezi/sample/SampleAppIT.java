package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.CloseCodes;
import org.plezi.sample.ChatScenario.Site;

/**
 * The built Tomcat WAR (its exploded directory) on embedded Tomcat, deployed by the README's
 * launcher: the chat scenario, the chat's rules, the packaging of both WARs and the launcher's
 * start and stop. Bad input is {@link ChatBadInputIT}'s.
 */
@Timeout(90)
class SampleAppIT {
  private static final Path WEBAPP =
      Path.of(System.getProperty("plezi.webapp", "target/plezi-sample-tomcat"));

  private static DevServer server;
  private static Site site;

  @BeforeAll
  static void deployTheBuiltWar() {
    server = DevServer.start(WEBAPP, DevServer.DEFAULT_ADDRESS, 0);
    site = Site.of("http://127.0.0.1:" + server.port() + "/");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void loginChatWhisperOnlineAndOfflineAndNoticeWork() throws Exception {
    ChatScenario.run(site);
  }

  @Test
  void metricsAreServedAsPrometheusTextAndHealthAsJson() throws Exception {
    try (org.plezi.jakarta.testing.WsClient chat =
        org.plezi.jakarta.testing.WsClient.connect(
            java.net.URI.create("ws://127.0.0.1:" + server.port() + "/chat"))) {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(20))
          .until(
              () ->
                  ChatScenario.get(site.http("metrics"))
                      .body()
                      .contains("plezi_connections{context=\"/\",route=\"/chat\"} 1.0"));
      HttpResponse<String> metrics = ChatScenario.get(site.http("metrics"));
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      // The other tests of this class share the server: counts since start-up, not exact here.
      assertThat(metrics.body())
          .containsPattern("plezi_connections_opened_total\\{context=\"/\",route=\"/chat\"} [1-9]")
          .contains("plezi_ready{context=\"/\"} 1.0")
          .contains("# TYPE plezi_messages_in_total counter");
      // What README's Metrics section quotes.
      Files.writeString(Path.of("target/metrics-sample.txt"), metrics.body());
    }
    HttpResponse<String> health = ChatScenario.get(site.http("health"));
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .isEqualTo("{\"ready\":true,\"live\":true,\"redis\":\"NOT_CONFIGURED\"}\n");
  }

  @Test
  void theRootServesTheChatPageAndItsScriptsAsStaticFiles() throws Exception {
    HttpResponse<String> page = ChatScenario.get(site.base());
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body())
        .contains("<script src=\"plezi/client.js\"></script>")
        .contains("<script src=\"chat.js\"></script>");
    HttpResponse<String> script = ChatScenario.get(site.http("chat.js"));
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("new PleziClient('chat')").doesNotContain("innerHTML");
    assertThat(ChatScenario.get(site.http("chat.css")).statusCode()).isEqualTo(200);
  }

  @Test
  void chatReachesEveryLoggedInUserButNotConnectionsStillOnTheLoginForm() throws Exception {
    try (ChatUser ann = ChatUser.login(site.chat(), "ann");
        ChatUser lurker = ChatUser.connect(site.chat())) {
      ann.chat("anyone here?");

      ann.expectChat("ann", "anyone here?");
      lurker.expectNothingMore();
    }
  }

  @Test
  void whisperNamesCompareWithoutRegardToCase() throws Exception {
    try (ChatUser ben = ChatUser.login(site.chat(), "Ben");
        ChatUser cy = ChatUser.login(site.chat(), "cy")) {
      cy.whisper("BEN", "hi");

      cy.expectWhispered("BEN", "hi");
      ben.expectWhisper("cy", "hi");
    }
  }

  @Test
  void everyTabOfOneNameGetsItsWhispers() throws Exception {
    try (ChatUser tab1 = ChatUser.login(site.chat(), "max");
        ChatUser tab2 = ChatUser.login(site.chat(), "max");
        ChatUser ned = ChatUser.login(site.chat(), "ned")) {
      ned.whisper("max", "both tabs?");

      ned.expectWhispered("max", "both tabs?");
      tab1.expectWhisper("ned", "both tabs?");
      tab2.expectWhisper("ned", "both tabs?");
    }
  }

  @Test
  void htmlInTextsTravelsAsPlainJsonStringsUnchanged() throws Exception {
    String html = "<img src=x onerror=\"alert(1)\"> & </script>";
    try (ChatUser dee = ChatUser.login(site.chat(), "dee")) {
      dee.chat(html);

      assertThat(dee.next("chat").getString("text")).isEqualTo(html);
    }
  }

  @Test
  void textsUpTo500CharactersAreAcceptedAndCountedInCodePoints() throws Exception {
    try (ChatUser eve = ChatUser.login(site.chat(), "eve")) {
      String longest = "😀".repeat(ChatInput.TEXT_MAX); // 1000 UTF-16 units, 500 characters
      eve.chat(longest);
      eve.expectChat("eve", longest);

      eve.chat("x".repeat(ChatInput.TEXT_MAX + 1));
      assertThat(eve.expectError(400).getString("reason"))
          .isEqualTo("text: " + ChatInput.TEXT_RULE);
    }
  }

  // ------------------------------------------------------------------------------ packaging

  @Test
  void theLibraryRunsFromWebInfLibAndTheContainerCouldNotHaveSuppliedIt() throws Exception {
    Object runtime =
        server.servletContext().getAttribute("org.plezi.jakarta.internal.runtime.PleziRuntime");
    assertThat(runtime).isNotNull();
    assertThat(runtime.getClass().getClassLoader()).isSameAs(server.webappClassLoader());
    assertThat(codeSource(runtime.getClass())).contains("/WEB-INF/lib/plezi-jakarta-");
    Class<?> chat = server.webappClassLoader().loadClass(ChatController.class.getName());
    assertThat(codeSource(chat)).contains("/WEB-INF/classes");
    assertThatThrownBy(
            () ->
                Class.forName(
                    "org.plezi.jakarta.Controller", false, server.webappClassLoader().getParent()))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(
            Collections.list(
                server
                    .webappClassLoader()
                    .getParent()
                    .getResources("META-INF/services/jakarta.servlet.ServletContainerInitializer")))
        .noneMatch(url -> url.toString().contains("plezi") || url.toString().contains("weld"));
  }

  @Test
  void theTomcatWarAddsOnlyWeldServletAndJsonPToThePlainWar() throws Exception {
    List<String> plain =
        entries(Path.of(System.getProperty("plezi.war.plain", "target/plezi-sample.war")));
    List<String> tomcat =
        entries(Path.of(System.getProperty("plezi.war.tomcat", "target/plezi-sample-tomcat.war")));

    assertThat(tomcat).containsAll(plain);
    assertThat(tomcat.stream().filter(entry -> !plain.contains(entry)))
        .allMatch(entry -> entry.startsWith("WEB-INF/lib/"))
        .anyMatch(entry -> entry.startsWith("WEB-INF/lib/weld-servlet-shaded-"))
        .anyMatch(entry -> entry.startsWith("WEB-INF/lib/parsson-"))
        .anyMatch(entry -> entry.startsWith("WEB-INF/lib/jakarta.json-api-"))
        .hasSize(3);
    assertThat(plain)
        .contains("WEB-INF/web.xml", "WEB-INF/beans.xml", "index.html")
        .anyMatch(entry -> entry.startsWith("WEB-INF/lib/plezi-jakarta-cdi-"))
        .anyMatch(entry -> entry.startsWith("WEB-INF/lib/redisson-"))
        .noneMatch(entry -> entry.contains("weld") || entry.contains("parsson"));
    assertThat(Files.readString(WEBAPP.resolve("WEB-INF/web.xml")))
        .contains("<param-value>plezi_sample</param-value>");
  }

  @Test
  void stoppingTheServerClosesChatConnectionsWithGoingAway() throws Exception {
    DevServer second = DevServer.start(WEBAPP, DevServer.DEFAULT_ADDRESS, 0);
    ChatUser user;
    try {
      user = ChatUser.login(Site.of("http://127.0.0.1:" + second.port() + "/").chat(), "leo");
    } finally {
      second.close();
    }

    assertThat(user.socket().awaitClose().code()).isEqualTo(CloseCodes.GOING_AWAY);
  }

  @Test
  void aPortAlreadyInUseStopsTheLaunchNamingThePort() {
    int taken = server.port();
    assertThatThrownBy(() -> DevServer.start(WEBAPP, DevServer.DEFAULT_ADDRESS, taken))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not start on " + DevServer.DEFAULT_ADDRESS + ":" + taken);
  }

  private static List<String> entries(Path war) throws Exception {
    try (ZipFile zip = new ZipFile(war.toFile())) {
      return zip.stream()
          .map(entry -> entry.getName())
          .filter(name -> !name.endsWith("/"))
          .toList();
    }
  }

  private static String codeSource(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation().toString();
  }
}
