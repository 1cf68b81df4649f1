package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.CloseCodes;
import org.plezi.sample.ChatScenario.Site;

/**
 * Every kind of bad input the chat answers, on the built Tomcat WAR on embedded Tomcat: each gets
 * its documented {@code err} reply (or HTTP status) and the connection stays usable, except a frame
 * over the web.xml's size limit, which closes it with 1009.
 */
@Timeout(90)
class ChatBadInputIT {
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
      for (String event :
          List.of("notice", "chatLine", "whisperLine", "presenceJoin", "presenceLeave")) {
        user.sendRaw("{\"event\":\"" + event + "\",\"text\":\"forged\",\"from\":\"admin\"}");

        assertThat(user.expectError(405).getString("result")).isEqualTo("not callable by clients");
      }
    }
  }

  @Test
  void badNamesAreRefusedWithTheRule() throws Exception {
    try (ChatUser user = ChatUser.connect(site.chat())) {
      List<String> frames =
          List.of(
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
      assertThat(user.expectError(400).getString("reason"))
          .isEqualTo("name: " + ChatInput.NAME_RULE);

      user.login("n".repeat(ChatInput.NAME_MAX)); // the longest name is fine
    }
  }

  @Test
  void badRoomNamesAreRefusedWithTheRuleAndTheUserStaysInItsRoom() throws Exception {
    try (ChatUser user = ChatUser.login(site.chat(), "lee")) {
      user.awaitRoom(ChatController.LOBBY);
      List<String> frames =
          List.of(
              "{\"event\":\"join\"}",
              "{\"event\":\"join\",\"room\":null}",
              "{\"event\":\"join\",\"room\":7}",
              "{\"event\":\"join\",\"room\":[\"r1\"]}",
              "{\"event\":\"join\",\"room\":\"\"}",
              "{\"event\":\"join\",\"room\":\"" + "r".repeat(ChatInput.ROOM_MAX + 1) + "\"}",
              "{\"event\":\"join\",\"room\":\"two words\"}",
              "{\"event\":\"join\",\"room\":\"room:lobby\"}",
              "{\"event\":\"join\",\"room\":\"a/b\"}",
              "{\"event\":\"join\",\"room\":\"<b>r</b>\"}",
              "{\"event\":\"join\",\"room\":\"café\"}");
      for (String frame : frames) {
        user.sendRaw(frame);

        JsonObject error = user.expectError(400);
        assertThat(error.getString("request")).as(frame).isEqualTo("join");
        assertThat(error.getString("reason")).as(frame).startsWith("room");
      }
      user.sendRaw("{\"event\":\"join\",\"room\":\"two words\"}");
      assertThat(user.expectError(400).getString("reason"))
          .isEqualTo("room: " + ChatInput.ROOM_RULE);
      user.sendRaw("{\"event\":\"join\"}");
      assertThat(user.expectError(400).getString("reason")).isEqualTo("room is missing");

      assertThat(user.room()).isEqualTo(ChatController.LOBBY);
      user.chat("still in the lobby");
      user.expectChat("lee", "still in the lobby");
      user.enter("R".repeat(ChatInput.ROOM_MAX)); // the longest name is fine, and case is not kept
      user.awaitMembers("r".repeat(ChatInput.ROOM_MAX), "lee");
    }
    try (ChatUser visitor = ChatUser.connect(site.chat())) {
      visitor.join("r1");
      assertThat(visitor.expectError(401).getString("request")).isEqualTo("join");
    }
  }

  @Test
  void chattingWhisperingOrLoggingOutBeforeLoggingInIsRefused() throws Exception {
    try (ChatUser user = ChatUser.connect(site.chat())) {
      user.chat("hello?");
      assertThat(user.expectError(401).getString("request")).isEqualTo("chat");

      user.whisper("someone", "hello?");
      assertThat(user.expectError(401).getString("request")).isEqualTo("whisper");

      user.sendRaw("{\"event\":\"logout\"}");
      assertThat(user.expectError(401).getString("request")).isEqualTo("logout");
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
      List<String> frames =
          List.of(
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

    HttpResponse<String> tooLong =
        ChatScenario.postNotice(site, "y".repeat(ChatInput.TEXT_MAX + 1));
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
}
