package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.PleziHealth;
import org.plezi.jakarta.PleziMetrics;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Bus counts, the cluster latency and the Redis link state between two servers on a Redis this test
 * owns, which it kills and brings back.
 */
@Timeout(180)
class ClusterMetricsIT {
  private static final String CHANNEL = "plezi_metrics_it";

  private static PleziMetrics.Bus bus(TestServer server) {
    return Plezi.metrics(server.servletContext()).bus();
  }

  private static PleziHealth health(TestServer server) {
    return Plezi.health(server.servletContext());
  }

  private static String uuid(WsClient client) throws InterruptedException {
    return client.nextText().substring("uuid ".length());
  }

  @Test
  void busTrafficLatencyAndTheRedisLinkAreCountedAcrossAKilledAndRestartedRedis() throws Exception {
    try (RedisServer redis = RedisServer.start();
        TestServer a =
            TestServer.start(
                Map.of("plezi.redis.url", redis.url(), "plezi.channel", CHANNEL),
                ClusterChat.class,
                ClusterOther.class);
        TestServer b =
            TestServer.start(
                Map.of("plezi.redis.url", redis.url(), "plezi.channel", CHANNEL),
                ClusterChat.class,
                ClusterOther.class);
        WsClient onA = WsClient.connect(a.ws("/chat"));
        WsClient onB = WsClient.connect(b.ws("/chat"))) {
      uuid(onA);
      String bUuid = uuid(onB);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> health(a).ready() && health(b).ready() && redis.subscribers(CHANNEL) == 2);
      assertThat(health(a).redis()).isEqualTo(PleziHealth.Redis.CONNECTED);
      assertThat(bus(a).type()).isEqualTo("redis");

      onA.send("multicast:m1");
      onB.expectText("say m1"); // the sender's own connection is skipped
      onA.send("unicast:" + bUuid + ":u1");
      onB.expectText("say u1");
      // An envelope without _pl_sent (Ruby Plezi, redis-cli, an older server): delivered, not
      // timed.
      redis.publish(CHANNEL, ":method: :say\n:data:\n- plain\n:type: :all\n:server: ruby\n");
      onB.expectText("say plain");
      onA.expectText("say plain");
      redis.publish(CHANNEL, "!!javax.script.ScriptEngineManager []"); // rejected by both

      await().atMost(Duration.ofSeconds(20)).until(() -> bus(b).rejected() == 1);
      PleziMetrics.Bus onServerA = bus(a);
      PleziMetrics.Bus onServerB = bus(b);
      assertThat(onServerA.published())
          .containsEntry("multicast", 1L)
          .containsEntry("unicast", 1L)
          .containsEntry("broadcast", 0L);
      assertThat(onServerB.received())
          .containsEntry("multicast", 2L) // A's and the plain one
          .containsEntry("unicast", 1L);
      assertThat(onServerA.received()).containsEntry("multicast", 1L); // its own is skipped
      // Timed: A's multicast and unicast on B; nothing on A (the plain envelope has no time).
      assertThat(onServerB.latency().count()).isEqualTo(2);
      assertThat(onServerA.latency().count()).isZero();
      assertThat(onServerB.latency().maxMicros())
          .isLessThan(Duration.ofSeconds(30).toNanos() / 1000);
      await().atMost(Duration.ofSeconds(20)).until(() -> bus(a).rejected() == 1);
      assertThat(onServerA.reconnects()).isZero();

      redis.stop();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  health(a).redis() == PleziHealth.Redis.DISCONNECTED
                      && health(b).redis() == PleziHealth.Redis.DISCONNECTED);
      assertThat(health(a).ready()).isFalse();
      assertThat(health(a).live()).isTrue();

      redis.startAgain();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  health(a).redis() == PleziHealth.Redis.CONNECTED
                      && health(b).redis() == PleziHealth.Redis.CONNECTED);
      assertThat(health(a).ready()).isTrue();
      assertThat(bus(a).reconnects()).isEqualTo(1);
      assertThat(bus(b).reconnects()).isEqualTo(1);
    }
  }
}
