package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Channel subscriptions after Redis restarted (issue 17 with 21): pub/sub holds no data, so there
 * is nothing to write again; each server's client resubscribes its channels by itself, and
 * publishes cross servers again.
 */
@Timeout(180)
class ChannelHealIT {
  private static final String CLUSTER = "plezi_channel_heal_it";

  @Test
  void subscriptionsComeBackAfterARedisRestart() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      Map<String, String> params = Map.of("plezi.redis.url", redis.url(), "plezi.channel", CLUSTER);
      try (TestServer a = TestServer.start(params, ChannelChat.class);
          TestServer b = TestServer.start(params, ChannelChat.class)) {
        RedisClusterIT.awaitConnected(a);
        RedisClusterIT.awaitConnected(b);
        try (WsClient sender = WsClient.connect(a.ws("/rooms"));
            WsClient receiver = WsClient.connect(b.ws("/rooms"))) {
          for (WsClient client : List.of(sender, receiver)) {
            assertThat(client.nextText()).startsWith("uuid ");
          }
          receiver.send("many:20");
          receiver.expectText("subscribed 20");
          awaitServers(redis, 20, 1);
          redis.stop();
          redis.startAgain();
          awaitServers(redis, 20, 1); // resubscribed, on the new Redis, by the client itself
          await().atMost(Duration.ofSeconds(60)).until(() -> RedisClusterIT.bus(a).isConnected());
          sender.send("pub:many19:after the restart");
          sender.expectText("published");
          receiver.expectText("say after the restart");
          receiver.send("unsub:many19");
          receiver.expectText("unsubscribed many19");
          await()
              .atMost(Duration.ofSeconds(20))
              .until(() -> redis.subscribers(CLUSTER + ":ch:many19") == 0);
        }
      }
    }
  }

  private static void awaitServers(RedisServer redis, int channels, long servers) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              for (int i = 0; i < channels; i++) {
                if (redis.subscribers(CLUSTER + ":ch:many" + i) != servers) {
                  return false;
                }
              }
              return true;
            });
  }
}
