package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.RawHandshake;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Two instances of the Tomcat WAR sharing their HTTP sessions in a real redis-server (the
 * launcher's Redisson session manager): a login on A is known on B, to a servlet and to the
 * websocket's preConnect; a session that expires in Redis ends access on both.
 */
@Timeout(120)
class SessionClusterIT {
  private static final Path WEBAPP =
      Path.of(System.getProperty("plezi.webapp", "target/plezi-sample-tomcat"));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static RedisServer redis;
  private static DevServer a;
  private static DevServer b;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisServer.start();
    Map<String, String> cluster = Map.of("plezi.redis.url", redis.url());
    a = DevServer.start(WEBAPP, DevServer.DEFAULT_ADDRESS, 0, cluster, redis.url());
    b = DevServer.start(WEBAPP, DevServer.DEFAULT_ADDRESS, 0, cluster, redis.url());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (b != null) {
        b.close();
      }
      if (a != null) {
        a.close();
      }
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  private static URI http(DevServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static URI ws(DevServer server, String path) {
    return URI.create("ws://127.0.0.1:" + server.port() + path);
  }

  /** Logs in on A; returns the session cookie ("JSESSIONID=..."). */
  private static String login(String name) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(http(a, "/api/session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + name))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(204);
    return response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
  }

  private static HttpResponse<String> whoAmI(DevServer server, String cookie) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(http(server, "/api/session")).header("Cookie", cookie).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aLoginOnOneInstanceOpensTheMembersWebsocketOnTheOther() throws Exception {
    String cookie = login("ada");
    HttpResponse<String> onB = whoAmI(b, cookie);
    assertThat(onB.statusCode()).isEqualTo(200);
    assertThat(onB.body().trim()).isEqualTo("ada");
    try (WsClient member = WsClient.connect(ws(b, "/members"), Map.of("Cookie", List.of(cookie)))) {
      member.expectText("welcome ada");
    }
  }

  @Test
  void withoutTheSessionCookieTheWebsocketIsRefusedWith403() throws Exception {
    try (RawHandshake refused = RawHandshake.open(ws(b, "/members"))) {
      assertThat(refused.status()).isEqualTo(403);
    }
    try (RawHandshake bogus =
        RawHandshake.open(
            ws(b, "/members"), "Cookie: JSESSIONID=0123456789ABCDEF0123456789ABCDEF")) {
      assertThat(bogus.status()).isEqualTo(403);
    }
  }

  @Test
  void aSessionThatExpiresInRedisEndsAccessOnBothInstances() throws Exception {
    String cookie = login("bob");
    String id = cookie.substring(cookie.indexOf('=') + 1);
    assertThat(whoAmI(b, cookie).statusCode()).isEqualTo(200);
    // Redis ends the session: its key's time to live runs out (Redisson keeps it for the
    // session's max inactive interval plus a minute; here it is shortened to a millisecond). The
    // request just answered may still be saving the session after its response (Redisson's
    // valve): that write would bring the key back, so each look expires it again first.
    String key = RedisSessions.KEY_PREFIX + ":redisson:tomcat_session:" + id;
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              redis.call("PEXPIRE", key, "1");
              return whoAmI(a, cookie).statusCode() == 401 && whoAmI(b, cookie).statusCode() == 401;
            });
    for (DevServer server : List.of(a, b)) {
      try (RawHandshake refused = RawHandshake.open(ws(server, "/members"), "Cookie: " + cookie)) {
        assertThat(refused.status()).isEqualTo(403);
      }
    }
  }

  @Test
  void aSessionAttributeThatCannotBeSerializedIsRefusedWhenStored() throws Exception {
    String cookie = login("cy");
    Session session = a.sessionManager().findSession(cookie.substring(cookie.indexOf('=') + 1));
    assertThatThrownBy(() -> session.getSession().setAttribute("thread", new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("thread");
    assertThat(whoAmI(b, cookie).body().trim()).isEqualTo("cy"); // the session is unharmed
  }
}
