package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.LogCapture;
import org.plezi.jakarta.testing.RawHandshake;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * The origin policy on a real Tomcat: a page of another site cannot open a websocket with the
 * user's cookies (403 before any controller exists), the request's own origin, listed origins and
 * wildcards can, a route can have its own list, and clients without {@code Origin} pass unless the
 * deployment requires it.
 */
@Timeout(120)
class OriginPolicyIT {
  /** A route that trusts the session cookie, as the sample did. */
  @Route("/members")
  public static class Members extends Controller {
    private String user;

    @Override
    protected boolean preConnect() {
      var session = request().getSession(false);
      Journal.record("preConnect members");
      if (session == null) {
        return false;
      }
      user = (String) session.getAttribute("user");
      return true;
    }

    @Override
    protected void onOpen() {
      write("hello " + user);
    }

    @Override
    protected void onMessage(String text) {}

    @Override
    protected String index() {
      request().getSession(true).setAttribute("user", request().getParameter("login"));
      return "logged in";
    }
  }

  /** Pages of the partner's sub-domains only (besides its own). */
  @Route(
      value = "/partner",
      origins = {"https://*.partner.example"})
  public static class Partner extends Controller {
    @Override
    protected boolean preConnect() {
      Journal.record("preConnect partner");
      return true;
    }

    @Override
    protected void onMessage(String text) {}
  }

  /** Any page. */
  @Route(
      value = "/public",
      origins = {"*"})
  public static class Public extends Controller {
    @Override
    protected void onMessage(String text) {}
  }

  /** A route whose own list is broken: the deployment fails naming it. */
  @Route(
      value = "/broken",
      origins = {"https://ok.example", "https://bad.example/path"})
  public static class Broken extends Controller {
    @Override
    protected void onMessage(String text) {}
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final Map<String, String> LISTED =
      Map.of("plezi.origins", "https://app.example.com, http://*.example.org:*");

  @BeforeEach
  void clear() {
    Journal.clear();
  }

  @Test
  void aHostilePageWithTheUsersCookieIsRefusedWith403BeforeTheControllerAndLoggedOnce()
      throws Exception {
    try (TestServer server = TestServer.start(LISTED, Members.class);
        LogCapture log = LogCapture.start()) {
      String cookie = login(server, "ada");
      for (int i = 0; i < 20; i++) {
        try (RawHandshake refused =
            RawHandshake.open(
                server.ws("/members"), "Cookie: " + cookie, "Origin: http://evil.example")) {
          assertThat(refused.status()).isEqualTo(403);
          assertThat(refused.header("Upgrade")).isEmpty();
        }
      }
      assertThat(Journal.pollNow()).as("no controller was asked").isNull();
      assertThat(log.count("origin not allowed")).isEqualTo(1);
      assertThat(log.texts())
          .filteredOn(t -> t.contains("origin not allowed"))
          .first()
          .asString()
          .contains("Origin http://evil.example", "/members");
    }
  }

  @Test
  void thePagesOwnOriginWithTheCookieIsAccepted() throws Exception {
    try (TestServer server = TestServer.start(LISTED, Members.class)) {
      String cookie = login(server, "ada");
      // Tyrus sends the Origin of the URI: the server's own.
      try (WsClient client =
          WsClient.connect(server.ws("/members"), Map.of("Cookie", List.of(cookie)))) {
        client.expectText("hello ada");
      }
      String own = "http://127.0.0.1:" + server.port();
      try (RawHandshake same =
          RawHandshake.open(server.ws("/members"), "Cookie: " + cookie, "Origin: " + own)) {
        assertThat(same.status()).isEqualTo(101);
      }
    }
  }

  @Test
  void listedOriginsAndHostWildcardsAreAcceptedAndTheirNeighboursAreNot() throws Exception {
    try (TestServer server = TestServer.start(LISTED, Members.class)) {
      String cookie = login(server, "ada");
      URI members = server.ws("/members");
      assertThat(status(members, cookie, "https://app.example.com")).isEqualTo(101);
      assertThat(status(members, cookie, "https://APP.example.com:443")).isEqualTo(101);
      assertThat(status(members, cookie, "http://a.b.example.org:8080")).isEqualTo(101);
      assertThat(status(members, cookie, "http://example.org")).isEqualTo(403); // the bare suffix
      assertThat(status(members, cookie, "https://app.example.com:8443")).isEqualTo(403);
      assertThat(status(members, cookie, "http://app.example.com")).isEqualTo(403);
      assertThat(status(members, cookie, "null")).isEqualTo(403); // an opaque origin
    }
  }

  @Test
  void anUpgradeWithoutOriginIsNoBrowserAndIsAcceptedByDefault() throws Exception {
    try (TestServer server = TestServer.start(Members.class)) {
      String cookie = login(server, "ada");
      try (RawHandshake noOrigin = RawHandshake.open(server.ws("/members"), "Cookie: " + cookie)) {
        assertThat(noOrigin.status()).isEqualTo(101);
      }
      // The JDK client sends no Origin either.
      var socket =
          HTTP.newWebSocketBuilder()
              .header("Cookie", cookie)
              .buildAsync(server.ws("/members"), new java.net.http.WebSocket.Listener() {})
              .join();
      socket.abort();
    }
  }

  @Test
  void plezisOriginsRequiredRefusesUpgradesWithoutOrigin() throws Exception {
    try (TestServer server =
        TestServer.start(Map.of("plezi.origins.required", "true"), Members.class)) {
      String cookie = login(server, "ada");
      try (RawHandshake noOrigin = RawHandshake.open(server.ws("/members"), "Cookie: " + cookie)) {
        assertThat(noOrigin.status()).isEqualTo(403);
      }
      try (WsClient client =
          WsClient.connect(server.ws("/members"), Map.of("Cookie", List.of(cookie)))) {
        client.expectText("hello ada");
      }
    }
  }

  @Test
  void aRoutesOwnListReplacesTheDeploymentsAndStarOpensARoute() throws Exception {
    try (TestServer server = TestServer.start(LISTED, Partner.class, Public.class)) {
      URI partner = server.ws("/partner");
      assertThat(status(partner, null, "https://shop.partner.example")).isEqualTo(101);
      assertThat(status(partner, null, "https://app.example.com")).isEqualTo(403);
      assertThat(status(partner, null, "http://127.0.0.1:" + server.port())).isEqualTo(101);
      assertThat(status(server.ws("/public"), null, "http://evil.example")).isEqualTo(101);
    }
  }

  @Test
  void aBadEntryFailsTheDeploymentNamingIt() throws Exception {
    try (LogCapture log = LogCapture.start();
        TestServer server =
            TestServer.boot(
                Map.of("plezi.origins", "https://ok.example, https://files.example/path"),
                Members.class)) {
      assertThat(server.started()).isFalse();
      assertThat(log.texts())
          .anyMatch(t -> t.contains("plezi.origins") && t.contains("https://files.example/path"));
    }
    try (LogCapture log = LogCapture.start();
        TestServer server = TestServer.boot(Map.of(), Broken.class)) {
      assertThat(server.started()).isFalse();
      assertThat(log.texts())
          .anyMatch(
              t ->
                  t.contains(Broken.class.getName() + ": @Route(origins)")
                      && t.contains("https://bad.example/path"));
    }
  }

  private static int status(URI uri, String cookie, String origin) throws Exception {
    try (RawHandshake handshake =
        cookie == null
            ? RawHandshake.open(uri, "Origin: " + origin)
            : RawHandshake.open(uri, "Cookie: " + cookie, "Origin: " + origin)) {
      return handshake.status();
    }
  }

  private static String login(TestServer server, String name) throws Exception {
    HttpResponse<String> page =
        HTTP.send(
            HttpRequest.newBuilder(server.http("/members?login=" + name)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    return page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
  }
}
