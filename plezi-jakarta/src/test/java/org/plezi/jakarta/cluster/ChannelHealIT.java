package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.internal.redis.RedisPresenceStore;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Channels and presence when Redis restarts without its data, and at undeploy (issue 17 with 21):
 * pub/sub holds no data, so each server's client resubscribes its channels by itself; presence is
 * written again by the healer's pass; an undeployed server's members are removed at once.
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
          receiver.send("track:hall:B");
          receiver.expectText("tracked hall");
          awaitServers(redis, 20, 1);
          assertThat(who(sender, "hall")).contains("={name=B}");
          redis.stop();
          redis.startAgain(); // without persistence: every key is gone
          awaitServers(redis, 20, 1); // resubscribed, on the new Redis, by the client itself
          // The healer's pass writes the presence again (the link check sees the data lost).
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(500))
              .until(() -> answer(sender, "hall").contains("={name=B}")); // fails in the outage
          await().atMost(Duration.ofSeconds(60)).until(() -> RedisClusterIT.bus(a).isConnected());
          sender.send("pub:many19:after the restart");
          sender.expectText("published");
          receiver.expectText("say after the restart");
          receiver.send("unsub:many19");
          receiver.expectText("unsubscribed many19");
          await()
              .atMost(Duration.ofSeconds(20))
              .until(() -> redis.subscribers(CLUSTER + ":ch:many19") == 0);
          // Undeploy removes the server's members before its bus closes: well before they expire.
          long stopping = System.nanoTime();
          b.close();
          await()
              .atMost(Duration.ofSeconds(5))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> who(sender, "hall").equals("who {}"));
          long took = (System.nanoTime() - stopping) / 1_000_000;
          assertThat(took).isLessThan(RedisPresenceStore.TTL_MILLIS);
        }
      }
    }
  }

  @Test
  void aChannelSubscribedDuringAnOutageIsSubscribedOnceRedisIsBack() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      Map<String, String> params =
          Map.of("plezi.redis.url", redis.url(), "plezi.channel", CLUSTER + "_outage");
      try (TestServer a = TestServer.start(params, ChannelChat.class)) {
        RedisClusterIT.awaitConnected(a);
        try (WsClient subscriber = WsClient.connect(a.ws("/rooms"))) {
          assertThat(subscriber.nextText()).startsWith("uuid ");
          redis.stop();
          subscriber.send("sub:during");
          subscriber.expectText("subscribed during"); // never waits for Redis
          redis.startAgain();
          await()
              .atMost(Duration.ofSeconds(90))
              .until(() -> redis.subscribers(CLUSTER + "_outage:ch:during") == 1);
          redis.publish(
              CLUSTER + "_outage:ch:during",
              "---\n:method: :say\n:data:\n- back\n:type: :all\n:server: s\n");
          subscriber.expectText("say back");
        }
      }
    }
  }

  @Test
  void aPublishOverTheBusLimitIsRefusedAndReachesNoOne() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      Map<String, String> params =
          Map.of(
              "plezi.redis.url",
              redis.url(),
              "plezi.channel",
              CLUSTER + "_limit",
              "plezi.bus.maxMessageBytes",
              "1024");
      try (TestServer a = TestServer.start(params, ChannelChat.class)) {
        RedisClusterIT.awaitConnected(a);
        try (WsClient subscriber = WsClient.connect(a.ws("/rooms"))) {
          assertThat(subscriber.nextText()).startsWith("uuid ");
          subscriber.send("subraw:big");
          subscriber.expectText("subscribed big");
          org.plezi.jakarta.Messenger messenger =
              org.plezi.jakarta.Plezi.messenger(a.servletContext());
          org.assertj.core.api.Assertions.assertThatThrownBy(
                  () -> messenger.publishRaw("big", "x".repeat(2000)))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("plezi.bus.maxMessageBytes");
          messenger.publishRaw("big", "small");
          subscriber.expectText("small"); // the big one reached no one, not even locally
        }
      }
    }
  }

  private static String answer(WsClient client, String channel) throws Exception {
    client.send("who:" + channel);
    return client.nextText();
  }

  private static String who(WsClient client, String channel) throws Exception {
    client.send("who:" + channel);
    String answer = client.nextText();
    assertThat(answer).startsWith("who {");
    return answer;
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
