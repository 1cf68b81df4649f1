package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.LogCapture;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * {@code @Event(from)} on a real cluster node: a client cannot call an event meant for other
 * connections (405), and neither another connection nor a program publishing on the Redis channel
 * ({@code redis-cli PUBLISH}) can call an event meant for the client (dropped, logged).
 */
@Timeout(120)
class CallerIT {
  private static final String CHANNEL = "plezi_caller_it";

  @AutoDispatch
  @Route("/desk")
  public static class Desk extends Controller {
    /** Written from onOpen: once the client reads it, the server has registered the connection. */
    @Override
    protected void onOpen() {
      write("ready");
    }

    /** The connection's own request: only its client may make it. */
    @Event(from = Caller.CLIENT)
    void login(Map<String, Object> message) {
      write("welcome " + message.get("name"));
    }

    /** Asks every other desk to log in as mallory, and to hear a line. */
    @Event(from = Caller.CLIENT)
    void attack(Map<String, Object> message) {
      broadcast("login", Map.of("name", "mallory"));
      broadcast("hear", "after the attack");
    }

    /** From other connections and the bus (the default). */
    @Event
    void hear(String text) {
      write("heard " + text);
    }
  }

  private static RedisServer redis;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisServer.start();
    server =
        TestServer.start(
            Map.of("plezi.redis.url", redis.url(), "plezi.channel", CHANNEL), Desk.class);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    redis.close();
  }

  @Test
  void aClientCallingAnEventForOtherConnectionsGets405AndStaysOpen() throws Exception {
    try (WsClient client = connect()) {
      client.send("{\"event\":\"hear\",\"text\":\"x\"}");
      assertThat(client.nextText())
          .contains("\"event\":\"err\"", "\"status\":405", "not callable by clients")
          .contains("the event accepts calls from other connections only");
      client.send("{\"event\":\"login\",\"name\":\"ada\"}");
      client.expectText("welcome ada");
    }
  }

  @Test
  void anotherConnectionCannotCallAClientOnlyEvent() throws Exception {
    try (LogCapture log = LogCapture.start();
        WsClient victim = connect();
        WsClient attacker = connect()) {
      for (int i = 0; i < 20; i++) {
        attacker.send("{\"event\":\"attack\"}");
      }
      for (int i = 0; i < 20; i++) {
        // Each attack's login went into the victim's inbox before its hear: it was refused first.
        victim.expectText("heard after the attack");
      }
      victim.expectNothingMore();
      // At most one line however many were dropped (another test may have used the interval).
      assertThat(log.count("accepts its client only")).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void aProgramPublishingOnTheRedisChannelCannotCallAClientOnlyEvent() throws Exception {
    try (WsClient victim = connect()) {
      awaitSubscribed();
      String login =
          "---\n:method: :login\n:data:\n- name: mallory\n:type: :all\n:server: evil-program\n";
      String hear =
          "---\n:method: :hear\n:data:\n- published\n:type: :all\n:server: evil-program\n";
      assertThat(redis.publishWithCli(CHANNEL, login)).isEqualTo("1");
      assertThat(redis.publishWithCli(CHANNEL, hear)).isEqualTo("1");
      // The bus delivers in order: the login was refused before the hear arrived.
      victim.expectText("heard published");
      victim.expectNothingMore();
    }
  }

  /**
   * A client whose connection the server has registered: a broadcast sent before that moment never
   * reaches it, and the client's own open event comes first (README, lifecycle).
   */
  private static WsClient connect() throws Exception {
    WsClient client = WsClient.connect(server.ws("/desk"));
    client.expectText("ready");
    return client;
  }

  private static void awaitSubscribed() {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> redis.subscribers(CHANNEL) == 1);
  }
}
