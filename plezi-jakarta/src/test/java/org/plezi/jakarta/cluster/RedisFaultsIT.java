package org.plezi.jakarta.cluster;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.testing.Ports;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** Redis down at start-up, and Redis restarted during traffic. */
@Timeout(180)
class RedisFaultsIT {
  private static final String CHANNEL = "plezi_faults_it";

  private static Map<String, String> params(RedisServer redis) {
    return Map.of("plezi.redis.url", redis.url(), "plezi.channel", CHANNEL);
  }

  private static String uuid(WsClient client) throws InterruptedException {
    return client.nextText().substring("uuid ".length());
  }

  /** Waits until a unicast from {@code from} reaches {@code uuid} across Redis. */
  private static void awaitRoute(TestServer from, String uuid, WsClient target)
      throws InterruptedException {
    Messenger messenger = Plezi.messenger(from.servletContext());
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                messenger
                    .unicast(uuid, "say", "probe")
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));
    target.expectText("say probe");
  }

  @Test
  void redisUnreachableAtStartUpStillDeploysServesLocallyAndCatchesUpLater() throws Exception {
    try (RedisServer redis = RedisServer.onPort(Ports.free());
        TestServer a = TestServer.start(params(redis), ClusterChat.class, ClusterOther.class);
        WsClient local = WsClient.connect(a.ws("/chat"));
        WsClient localPeer = WsClient.connect(a.ws("/chat"))) {
      uuid(local);
      uuid(localPeer);
      local.send("multicast:local only");
      localPeer.expectText("say local only");

      redis.startAgain();
      try (TestServer b = TestServer.start(params(redis), ClusterChat.class, ClusterOther.class);
          WsClient remote = WsClient.connect(b.ws("/chat"))) {
        String remoteUuid = uuid(remote);
        awaitRoute(a, remoteUuid, remote);
        local.send("multicast:now everywhere");
        localPeer.expectText("say now everywhere");
        remote.expectText("say now everywhere");
      }
    }
  }

  @Test
  void messagesFlowAgainAfterRedisRestartsWithoutRestartingTheApplication() throws Exception {
    try (RedisServer redis = RedisServer.start();
        TestServer a = TestServer.start(params(redis), ClusterChat.class, ClusterOther.class);
        TestServer b = TestServer.start(params(redis), ClusterChat.class, ClusterOther.class);
        WsClient onA = WsClient.connect(a.ws("/chat"));
        WsClient onB = WsClient.connect(b.ws("/chat"))) {
      uuid(onA);
      String bUuid = uuid(onB);
      awaitRoute(a, bUuid, onB);
      onA.send("multicast:before");
      onB.expectText("say before");

      redis.stop();
      onA.send("multicast:during the outage");
      redis.startAgain();

      // Redisson subscribes again channel by channel: B's own channel may be back (the unicast
      // route) before the shared one that the multicast takes.
      awaitRoute(a, bUuid, onB);
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> redis.subscribers(CHANNEL) == 2);
      onA.send("multicast:after");
      String next = onB.nextText();
      if (next.equals("say during the outage")) {
        next = onB.nextText(); // a publish that Redisson retried after reconnecting
      }
      org.assertj.core.api.Assertions.assertThat(next).isEqualTo("say after");
    }
  }
}
