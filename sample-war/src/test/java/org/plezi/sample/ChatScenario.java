package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The websocket scenario every deployment of the chat must pass, the same on embedded Tomcat, a
 * standalone Tomcat, Payara, WildFly and across a two-server cluster: the page and the JS client
 * are served; alice and bob log in and chat; bob whispers to alice (online); carol logs in, logs
 * out, gets a whisper while away and receives it when she logs in again; a notice posted to {@code
 * api/notice} reaches everyone; alice and bob enter a room, list each other there, and a chat in it
 * reaches bob but not carol in the lobby.
 */
final class ChatScenario {
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ChatScenario() {}

  /** Where one deployment of the chat answers: {@code base} is the application's root, with '/'. */
  record Site(URI base) {
    static Site of(String base) {
      return new Site(URI.create(base.endsWith("/") ? base : base + "/"));
    }

    URI http(String relative) {
      return base.resolve(relative);
    }

    URI chat() {
      URI http = base.resolve("chat");
      return URI.create(http.toString().replaceFirst("^http", "ws"));
    }
  }

  /** Runs the scenario on one server. */
  static void run(Site site) throws Exception {
    run(site, site);
  }

  /**
   * Runs the scenario with alice on {@code a}, bob on {@code b}, carol first on {@code a} then on
   * {@code b}, and the notice posted to {@code a}. Names are new for each run, so runs on one
   * server do not see each other's mailboxes.
   */
  static void run(Site a, Site b) throws Exception {
    String run = "r" + RUNS.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 46656, 36);
    String alice = "alice-" + run;
    String bob = "bob-" + run;
    String carol = "carol-" + run;

    assertPageServed(a);
    assertPageServed(b);
    try (ChatUser aliceUser = ChatUser.login(a.chat(), alice);
        ChatUser bobUser = ChatUser.login(b.chat(), bob)) {
      aliceUser.chat("hello from " + alice);
      aliceUser.expectChat(alice, "hello from " + alice);
      bobUser.expectChat(alice, "hello from " + alice);

      bobUser.whisper(alice, "psst, " + alice);
      bobUser.expectWhispered(alice, "psst, " + alice);
      aliceUser.expectWhisper(bob, "psst, " + alice);

      // Logging out has the server close the connection: once carol's client sees that close,
      // no whisper can be handed to it. (A browser that closes by itself may still get, and lose,
      // a whisper notified in the instant before the server learns of the close.)
      ChatUser carolUser = ChatUser.login(a.chat(), carol);
      carolUser.logout();
      aliceUser.whisper(carol, "while you were away");
      aliceUser.expectWhispered(carol, "while you were away");
      try (ChatUser carolAgain = ChatUser.login(b.chat(), carol)) {
        carolAgain.expectWhisper(alice, "while you were away");

        String notice = "notice for run " + run;
        assertThat(postNotice(a, notice).statusCode()).isEqualTo(204);
        aliceUser.expectNotice(notice);
        bobUser.expectNotice(notice);
        carolAgain.expectNotice(notice);

        // A room: bob enters, then alice; each lists both, and a chat there skips the lobby.
        String room = "room-" + run;
        bobUser.enter(room);
        bobUser.awaitMembers(room, bob);
        aliceUser.enter(room);
        aliceUser.awaitMembers(room, alice, bob);
        bobUser.awaitMembers(room, alice, bob); // through b's subscription to the room: it listens
        aliceUser.chat("in " + room);
        aliceUser.expectChat(alice, "in " + room);
        bobUser.expectChat(alice, "in " + room);
        carolAgain.expectNothingMore(); // carol, in the lobby, gets none of it
      }
      aliceUser.expectNothingMore();
      bobUser.expectNothingMore();
    }
  }

  static void assertPageServed(Site site) throws Exception {
    HttpResponse<String> page = get(site.base());
    assertThat(page.statusCode()).as("GET " + site.base()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Plezi for Jakarta EE: chat</title>");
    HttpResponse<String> client = get(site.http("plezi/client.js"));
    assertThat(client.statusCode()).as("GET plezi/client.js").isEqualTo(200);
    assertThat(client.body()).contains("class PleziClient");
  }

  static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** POST api/notice with the form field text (null: no field at all). */
  static HttpResponse<String> postNotice(Site site, String text) throws Exception {
    String form = text == null ? "" : "text=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    return HTTP.send(
        HttpRequest.newBuilder(site.http("api/notice"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
