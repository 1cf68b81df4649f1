package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.internal.bus.LinkState;
import org.plezi.jakarta.testing.LogCapture;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * The failure contract during a real outage of a test-owned redis-server: controller code and
 * Messenger callers see IllegalStateException (never a Redisson exception), multicasts do not
 * throw, and the outage is logged once when it starts and once when it ends, without a stack trace
 * per failed call.
 */
@Timeout(180)
class RedisOutageIT {
  private static final String CHANNEL = "plezi_outage_it";
  private static final String DOWN = "Redis cannot be reached (";
  private static final String BACK = "Redis is back after";

  @Test
  void everyFailureDuringAnOutageIsAnIllegalStateExceptionAndTheOutageIsLoggedOnce()
      throws Exception {
    try (RedisServer redis = RedisServer.start();
        TestServer server =
            TestServer.start(
                Map.of(
                    "plezi.redis.url",
                    redis.url(),
                    "plezi.channel",
                    CHANNEL,
                    "plezi.redis.checkMillis",
                    "200"),
                OutageChat.class);
        WsClient ada = WsClient.connect(server.ws("/outage"))) {
      RedisClusterIT.awaitConnected(server);
      LinkState link = RedisClusterIT.bus(server).linkState();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> link.status() == LinkState.Status.CONNECTED);
      assertThat(ada.nextText()).startsWith("uuid ");
      ada.send("login:ada");
      ada.expectText("logged in as ada");
      Messenger messenger = Plezi.messenger(server.servletContext());

      try (LogCapture log = LogCapture.start()) {
        redis.stop();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> link.status() == LinkState.Status.DISCONNECTED);

        for (int i = 0; i < 50; i++) {
          ada.send("notify:ada:during " + i);
          assertThat(ada.nextText()).isEqualTo(expectedError());
          ada.send("login:bob" + i);
          assertThat(ada.nextText()).isEqualTo(expectedError());
          ada.send("multicast:local " + i);
          assertThat(ada.nextText()).isEqualTo("multicast sent");
        }
        assertThatThrownBy(() -> messenger.notify("ada", "mail", "from the messenger"))
            .isInstanceOf(IllegalStateException.class)
            .isNotInstanceOf(org.redisson.client.RedisException.class);

        redis.startAgain();
        await().atMost(Duration.ofSeconds(60)).until(() -> log.count(BACK) == 1);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> link.status() == LinkState.Status.CONNECTED);
        ada.send("notify:ada:after");
        assertThat(ada.nextText()).startsWith("notified ");

        assertThat(log.count(DOWN)).as("one WARNING when the outage starts").isEqualTo(1);
        assertThat(log.count(BACK)).as("one INFO when it ends").isEqualTo(1);
        assertThat(log.texts())
            .as("no stack trace, no Redisson exception in the log")
            .noneMatch(text -> text.contains("org.redisson") || text.contains(" | "));
        assertThat(link.outages()).isEqualTo(1);
      }
    }
  }

  /** What OutageChat writes for the documented exception. */
  private static String expectedError() {
    return "error org.plezi.jakarta.internal.bus.Outage$Unavailable true";
  }
}
