package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.LogCapture;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Undeploy with 200 registered connections: their registrations are removed from Redis before the
 * bus closes, and no task fails on a closed bus.
 */
@Timeout(180)
class ShutdownCleanIT {
  private static final String CHANNEL = "plezi_shutdown_it";
  private static final int USERS = 200;

  private static String conns(int i) {
    return CHANNEL + ":identity:{u" + i + "}:conns";
  }

  @Test
  void undeployLeavesNoRegistrationOfItsConnectionsInRedis() throws Exception {
    List<WsClient> clients = new ArrayList<>();
    try (RedisServer redis = RedisServer.start();
        LogCapture log = LogCapture.start()) {
      TestServer server =
          TestServer.start(
              Map.of("plezi.redis.url", redis.url(), "plezi.channel", CHANNEL),
              ClusterChat.class,
              ClusterOther.class);
      try {
        RedisClusterIT.awaitConnected(server);
        for (int i = 0; i < USERS; i++) {
          WsClient client = WsClient.connect(server.ws("/chat"));
          clients.add(client);
          assertThat(client.nextText()).startsWith("uuid ");
          client.send("login:u" + i);
          client.expectText("logged in as u" + i);
        }
        for (int i = 0; i < USERS; i++) {
          assertThat(redis.call("ZCARD", conns(i))).contains("1");
        }
      } finally {
        server.close(); // undeploy: every connection is closed by the server
      }
      for (int i = 0; i < USERS; i++) {
        assertThat(redis.call("ZCARD", conns(i))).as("u" + i + "'s registrations").contains("0");
      }
      assertThat(log.texts())
          .noneMatch(text -> text.contains("not connected to Redis") || text.contains("stopping"));
    } finally {
      for (WsClient client : clients) {
        client.close();
      }
    }
  }
}
