package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.LogCapture;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.sample.ChatScenario.Site;

/**
 * The sample's failure contract end to end (issue 21): the Tomcat WAR joined to a redis-server the
 * test owns; the test stops Redis, and every whisper is answered with the README's {@code 503
 * unavailable} while the log holds one line for the outage (no stack trace, no Redisson exception);
 * once Redis is back (empty: it lost everything), the users still connected are registered again
 * and a whisper goes through.
 */
@Timeout(180)
class ChatOutageIT {
  private static final Path WEBAPP =
      Path.of(System.getProperty("plezi.webapp", "target/plezi-sample-tomcat"));
  private static final String DOWN = "Redis cannot be reached (";
  private static final String BACK = "Redis is back after";

  @Test
  void everyWhisperDuringAnOutageIsA503WithOneLogLineAndWhispersWorkOnceRedisIsBack()
      throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      Map<String, String> cluster =
          Map.of("plezi.redis.url", redis.url(), "plezi.redis.checkMillis", "200");
      DevServer server;
      try (LogCapture log = LogCapture.start()) {
        server = DevServer.start(WEBAPP, DevServer.DEFAULT_ADDRESS, 0, cluster);
        Awaitility.await("joined the cluster")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> log.count("joined the cluster on Redis channel 'plezi_sample'") == 1);
      }
      try (server;
          ChatUser alice = ChatUser.login(chat(server), "alice-outage");
          ChatUser bob = ChatUser.login(chat(server), "bob-outage")) {
        bob.whisper("alice-outage", "before");
        bob.expectWhispered("alice-outage", "before");
        alice.expectWhisper("bob-outage", "before");

        try (LogCapture log = LogCapture.start()) {
          redis.stop();
          Awaitility.await("the outage noticed")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> log.count(DOWN) == 1);
          for (int i = 0; i < 10; i++) {
            bob.whisper("alice-outage", "during " + i);
            JsonObject error = bob.expectError(503);
            assertThat(error.getString("result")).isEqualTo("unavailable");
            assertThat(error.getString("request")).isEqualTo("whisper");
          }
          assertThat(log.count(DOWN)).as("one line for the outage").isEqualTo(1);
          assertThat(log.texts())
              .as("no stack trace, no Redisson exception")
              .noneMatch(text -> text.contains("org.redisson") || text.contains(" | "));

          redis.startAgain(); // empty: the healer registers alice and bob again
          Awaitility.await("Redis back")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> log.count(BACK) == 1);
        }
        Awaitility.await("alice registered again")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    redis
                        .call("EXISTS", "plezi_sample:identity:{chat-user:alice-outage}:conns")
                        .equals(":1"));
        bob.whisper("alice-outage", "after");
        bob.expectWhispered("alice-outage", "after");
        alice.expectWhisper("bob-outage", "after");
        alice.expectNothingMore();
        bob.expectNothingMore();
      }
    }
  }

  private static java.net.URI chat(DevServer server) {
    return Site.of("http://127.0.0.1:" + server.port() + "/").chat();
  }
}
