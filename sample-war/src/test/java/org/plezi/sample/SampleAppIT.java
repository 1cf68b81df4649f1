package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
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
 * launcher: the chat scenario, then every kind of bad input the chat answers.
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
  void theRootServesTheChatPageAndItsScriptsAsStaticFiles() throws Exception {
    HttpResponse<String> page = ChatScenario.get(site.base());
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/html"));
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
      assertThat(eve.expectError(400).getString("reason")).isEqualTo("text: " + ChatInput.TEXT_RULE);
    }
  }

  // ------------------------------------------------------------------------------ bad input

  @Test
  void malformedJsonGetsTheLibrarysBadRequestAndTheConnectionStaysUsable() throws Exception {
    try (ChatUser user = ChatUser.connect(site.chat())) {
      user.sendRaw("{\"event\":\"login\",\"name\":");
      assertThat(user.expectError(400).getString("result")).isEqualTo("bad request");
      user.sendRaw("[\"login\"]");
      user.expectError(400);
      user.sendRaw("{\"name\":\"no event\"}");
      user.expectError(400);

      user.login("fay");
    }
  }

  @Test
  void unknownEventsAreNotFound() throws Exception {
    try (ChatUser user = ChatUser.connect(site.chat())) {
      user.sendRaw("{\"event\":\"shout\",\"text\":\"hi\"}");

      JsonObject error = user.expectError(404);
      assertThat(error.getString("result")).isEqualTo("not found");
    }
  }

  @Test
  void eventsOnlyTheServerCallsAreRefusedToClients() throws Exception {
    try (ChatUser user = ChatUser.login(site.chat(), "gil")) {
      for (String event : List.of("notice", "chatLine", "whisperLine")) {
        user.sendRaw("{\"event\":\"" + event + "\",\"text\":\"forged\",\"from\":\"admin\"}");

        assertThat(user.expectError(405).getString("result")).isEqualTo("not callable by clients");
      }
    }
  }

  @Test
  void badNamesAreRefusedWithTheRule() throws Exception {
    try (ChatUser user = ChatUser.connect(site.chat())) {
      List<String> frames = List.of(
          "{\"event\":\"login\"}",
          "{\"event\":\"login\",\"name\":42}",
          "{\"event\":\"login\",\"name\":\"\"}",
          "{\"event\":\"login\",\"name\":\"" + "n".repeat(ChatInput.NAME_MAX + 1) + "\"}",
          "{\"event\":\"login\",\"name\":\"two words\"}",
          "{\"event\":\"login\",\"name\":\"<b>bold</b>\"}",
          "{\"event\":\"login\",\"name\":\"zoë\"}");
      for (String frame : frames) {
        user.sendRaw(frame);

        JsonObject error = user.expectError(400);
        assertThat(error.getString("request")).isEqualTo("login");
        assertThat(error.getString("reason")).as(frame).startsWith("name");
      }
      user.sendRaw("{\"event\":\"login\",\"name\":42}");
      assertThat(user.expectError(400).getString("reason")).isEqualTo("name must be a JSON string");
      user.sendRaw("{\"event\":\"login\",\"name\":\"two words\"}");
      assertThat(user.expectError(400).getString("reason")).isEqualTo("name: " + ChatInput.NAME_RULE);

      user.login("n".repeat(ChatInput.NAME_MAX)); // the longest name is fine
    }
  }

  @Test
  void chattingOrWhisperingBeforeLoggingInIsRefused() throws Exception {
    try (ChatUser user = ChatUser.connect(site.chat())) {
      user.chat("hello?");
      assertThat(user.expectError(401).getString("request")).isEqualTo("chat");

      user.whisper("someone", "hello?");
      assertThat(user.expectError(401).getString("request")).isEqualTo("whisper");
    }
  }

  @Test
  void aSecondLoginOnOneConnectionIsAConflict() throws Exception {
    try (ChatUser user = ChatUser.login(site.chat(), "hal")) {
      user.send(ChatUser.json("login", "name", "hal2"));

      assertThat(user.expectError(409).getString("reason")).contains("this connection is hal");
    }
  }

  @Test
  void badTextsAreRefusedWithTheRule() throws Exception {
    try (ChatUser user = ChatUser.login(site.chat(), "ida")) {
      List<String> frames = List.of(
          "{\"event\":\"chat\"}",
          "{\"event\":\"chat\",\"text\":null}",
          "{\"event\":\"chat\",\"text\":[\"hi\"]}",
          "{\"event\":\"chat\",\"text\":\"\"}",
          "{\"event\":\"chat\",\"text\":\"   \\n \"}",
          "{\"event\":\"chat\",\"text\":\"bell\\u0007\"}",
          "{\"event\":\"whisper\",\"to\":\"ida\"}",
          "{\"event\":\"whisper\",\"to\":\"no body\",\"text\":\"hi\"}",
          "{\"event\":\"whisper\",\"text\":\"hi\"}");
      for (String frame : frames) {
        user.sendRaw(frame);

        assertThat(user.expectError(400).getString("reason")).as(frame).isNotBlank();
      }
      user.chat("two\nlines\tand a tab"); // new lines and tabs are fine
      user.expectChat("ida", "two\nlines\tand a tab");
    }
  }

  @Test
  void whisperingToANameNobodyHasUsedSaysSoAndKeepsNothing() throws Exception {
    try (ChatUser user = ChatUser.login(site.chat(), "jo")) {
      user.whisper("nobody-by-this-name", "hello?");

      JsonObject error = user.expectError(404);
      assertThat(error.getString("result")).isEqualTo("no such user");
      assertThat(error.getString("reason")).startsWith("nobody-by-this-name has not logged in");
    }
    try (ChatUser late = ChatUser.login(site.chat(), "nobody-by-this-name")) {
      late.expectNothingMore();
    }
  }

  @Test
  void aFrameBeyondTheWebXmlLimitClosesTheConnectionWith1009() throws Exception {
    try (ChatUser user = ChatUser.login(site.chat(), "kim")) {
      user.sendRaw("{\"event\":\"chat\",\"text\":\"" + "x".repeat(16_385) + "\"}");

      assertThat(user.socket().awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }
  }

  @Test
  void noticeEndpointRefusesMissingOrBadTextsAndOtherMethods() throws Exception {
    HttpResponse<String> missing = ChatScenario.postNotice(site, null);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body().trim()).isEqualTo("text is missing");

    HttpResponse<String> tooLong = ChatScenario.postNotice(site, "y".repeat(ChatInput.TEXT_MAX + 1));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body().trim()).isEqualTo("text: " + ChatInput.TEXT_RULE);

    assertThat(ChatScenario.postNotice(site, " ").statusCode()).isEqualTo(400);
    assertThat(ChatScenario.get(site.http("api/notice")).statusCode()).isEqualTo(405);
  }

  @Test
  void noticeReachesConnectionsThatHaveNotLoggedInAndKeepsUnicode() throws Exception {
    try (ChatUser visitor = ChatUser.connect(site.chat())) {
      visitor.sendRaw("{\"event\":\"hello\"}"); // a round trip: the connection is registered
      visitor.expectError(404);

      assertThat(ChatScenario.postNotice(site, "Maintenance à 22 h ✓").statusCode()).isEqualTo(204);

      visitor.expectNotice("Maintenance à 22 h ✓");
    }
  }

  // ------------------------------------------------------------------------------ packaging

  @Test
  void theLibraryRunsFromWebInfLibAndTheContainerCouldNotHaveSuppliedIt() throws Exception {
    Object runtime = server.servletContext().getAttribute("org.plezi.jakarta.internal.PleziRuntime");
    assertThat(runtime).isNotNull();
    assertThat(runtime.getClass().getClassLoader()).isSameAs(server.webappClassLoader());
    assertThat(codeSource(runtime.getClass())).contains("/WEB-INF/lib/plezi-jakarta-");
    Class<?> chat = server.webappClassLoader().loadClass(ChatController.class.getName());
    assertThat(codeSource(chat)).contains("/WEB-INF/classes");
    assertThatThrownBy(() -> Class.forName(
        "org.plezi.jakarta.Controller", false, server.webappClassLoader().getParent()))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(Collections.list(server.webappClassLoader().getParent().getResources(
        "META-INF/services/jakarta.servlet.ServletContainerInitializer")))
        .noneMatch(url -> url.toString().contains("plezi") || url.toString().contains("weld"));
  }

  @Test
  void theTomcatWarAddsOnlyWeldServletAndJsonPToThePlainWar() throws Exception {
    List<String> plain = entries(Path.of(System.getProperty("plezi.war.plain",
        "target/plezi-sample.war")));
    List<String> tomcat = entries(Path.of(System.getProperty("plezi.war.tomcat",
        "target/plezi-sample-tomcat.war")));

    assertThat(tomcat).containsAll(plain);
    assertThat(tomcat.stream().filter(entry -> !plain.contains(entry)))
        .allMatch(entry -> entry.startsWith("WEB-INF/lib/"))
        .anyMatch(entry -> entry.startsWith("WEB-INF/lib/weld-servlet-shaded-"))
        .anyMatch(entry -> entry.startsWith("WEB-INF/lib/parsson-"))
        .anyMatch(entry -> entry.startsWith("WEB-INF/lib/jakarta.json-api-"))
        .hasSize(3);
    assertThat(plain).contains("WEB-INF/web.xml", "WEB-INF/beans.xml", "index.html")
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
      return zip.stream().map(entry -> entry.getName()).filter(name -> !name.endsWith("/")).toList();
    }
  }

  private static String codeSource(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation().toString();
  }
}
