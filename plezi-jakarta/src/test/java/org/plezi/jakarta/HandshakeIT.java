package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.RawHandshake;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

@Timeout(60)
class HandshakeIT {
  /** Accepts only clients that say who they are, and shows what preConnect saw. */
  @Route("/room/{name}")
  public static class Room extends Controller {
    private String user;

    @Override
    protected boolean preConnect() {
      response().setHeader("X-Plezi-Seen", "yes");
      String token = request().getHeader("X-Token");
      if ("unauthorized".equals(token)) {
        response().setStatus(401);
        return false;
      }
      if (token == null) {
        return false;
      }
      Cookie cookie = new Cookie("room", params().get("name"));
      cookie.setPath("/");
      response().addCookie(cookie);
      var session = request().getSession(false);
      user = session == null ? "anonymous" : (String) session.getAttribute("user");
      Journal.record("preConnect " + params().get("name") + " " + params().get("colour"));
      return true;
    }

    @Override
    protected void onOpen() {
      write("room=" + params().get("name") + " colour=" + params().get("colour") + " user=" + user);
    }

    @Override
    protected void onMessage(String text) {
      write(text);
    }

    @Override
    protected String index() {
      request().getSession(true).setAttribute("user", request().getParameter("login"));
      return "<p>room " + params().get("name") + "</p>";
    }

    @Override
    protected String show(String id) {
      return "42".equals(id) ? "<p>message " + id + " in " + params().get("name") + "</p>" : null;
    }
  }

  /** Serves pages only: refuses websockets. */
  @Route("/pages")
  public static class PagesOnly extends Controller {
    @Override
    protected String index() {
      return "pages";
    }
  }

  @Route("/boom")
  public static class Boom extends Controller {
    @Override
    protected boolean preConnect() {
      throw new IllegalStateException("preConnect failure (expected by the test)");
    }

    @Override
    protected void onMessage(String text) {}

    @Override
    protected String index() {
      throw new IllegalStateException("index failure (expected by the test)");
    }
  }

  private static TestServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = TestServer.start(Room.class, PagesOnly.class, Boom.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void clearJournal() {
    Journal.clear();
  }

  @Test
  void refusedUpgradeIsA403WithTheHeaderSetInPreConnect() throws Exception {
    try (RawHandshake refused = RawHandshake.open(server.ws("/room/lobby"))) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.header("X-Plezi-Seen")).containsExactly("yes");
      assertThat(refused.header("Upgrade")).isEmpty();
    }
  }

  @Test
  void preConnectChoosesTheRefusalStatus() throws Exception {
    try (RawHandshake refused =
        RawHandshake.open(server.ws("/room/lobby"), "X-Token: unauthorized")) {
      assertThat(refused.status()).isEqualTo(401);
    }
  }

  @Test
  void acceptedUpgradeCarriesCookieAndSeesPathAndQueryParameters() throws Exception {
    try (WsClient client =
        WsClient.connect(server.ws("/room/lobby?colour=blue"), Map.of("X-Token", List.of("t")))) {
      client.expectText("room=lobby colour=blue user=anonymous");
      assertThat(client.responseHeader("Set-Cookie")).anyMatch(c -> c.startsWith("room=lobby"));
      assertThat(client.responseHeader("X-Plezi-Seen")).containsExactly("yes");
    }
    Journal.expect("preConnect lobby blue");
  }

  @Test
  void preConnectReadsTheHttpSessionOfAnEarlierRequest() throws Exception {
    HttpResponse<String> page =
        HTTP.send(
            HttpRequest.newBuilder(server.http("/room/lobby?login=alice")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    String sessionCookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    try (WsClient client =
        WsClient.connect(
            server.ws("/room/lobby"),
            Map.of("X-Token", List.of("t"), "Cookie", List.of(sessionCookie)))) {
      client.expectText("room=lobby colour=null user=alice");
    }
  }

  @Test
  void getCallsIndexAndShowAsHtml() throws Exception {
    HttpResponse<String> index = get("/room/hall");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
    assertThat(index.body()).isEqualTo("<p>room hall</p>");
    assertThat(get("/room/hall/42").body()).isEqualTo("<p>message 42 in hall</p>");
    assertThat(get("/room/hall/43").statusCode()).isEqualTo(404);
    assertThat(get("/room/hall/42/more").statusCode()).isEqualTo(404);
    assertThat(get("/pages/1").statusCode()).isEqualTo(404); // show is not defined
    assertThat(get("/nowhere").statusCode()).isEqualTo(404);
  }

  @Test
  void otherMethodsThanGetAreRefusedWith405() throws Exception {
    HttpResponse<String> post =
        HTTP.send(
            HttpRequest.newBuilder(server.http("/pages"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void controllerWithoutMessageHandlersRefusesUpgrades() throws Exception {
    try (RawHandshake refused = RawHandshake.open(server.ws("/pages"))) {
      assertThat(refused.status()).isEqualTo(403);
    }
    assertThat(get("/pages").body()).isEqualTo("pages");
  }

  @Test
  void exceptionInPreConnectRefusesWith500AndIndexFailureIs500() throws Exception {
    try (RawHandshake refused = RawHandshake.open(server.ws("/boom"))) {
      assertThat(refused.status()).isEqualTo(500);
    }
    assertThat(get("/boom").statusCode()).isEqualTo(500);
    // the server is unharmed
    assertThat(get("/pages").statusCode()).isEqualTo(200);
  }

  @Test
  void upgradeToAShowPathIsRefused() throws Exception {
    try (RawHandshake refused = RawHandshake.open(server.ws("/room/lobby/42"), "X-Token: t")) {
      assertThat(refused.status()).isEqualTo(403);
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(server.http(path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
