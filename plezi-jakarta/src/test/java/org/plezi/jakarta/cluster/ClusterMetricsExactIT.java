package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.PleziMetrics;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Exact bus counts between two servers on a Redis this test owns: payloads that do not decode,
 * published with the real {@code redis-cli} on the cluster channel and on one server's private
 * channel; payloads that are not envelopes; unicasts whose target is gone on the other server, or
 * whose server is gone; identity mail from one server to the other.
 */
@Timeout(180)
class ClusterMetricsExactIT {
  private static final String CHANNEL = "plezi_metrics_exact_it";

  private static PleziMetrics metrics(TestServer server) {
    return Plezi.metrics(server.servletContext());
  }

  private static void awaitUntil(BooleanSupplier condition) {
    await().atMost(Duration.ofSeconds(30)).until(condition::getAsBoolean);
  }

  private static String uuid(WsClient client) throws InterruptedException {
    return client.nextText().substring("uuid ".length());
  }

  @Test
  void rejectedAndForeignPayloadsFailedUnicastsAndMailAreCountedExactly() throws Exception {
    Journal.clear();
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
      uuid(onB);
      String bServer = Plezi.serverUuid(b.servletContext());
      awaitUntil(
          () ->
              Plezi.health(a.servletContext()).ready()
                  && Plezi.health(b.servletContext()).ready()
                  && subscribers(redis, CHANNEL) == 2);

      // Three payloads that do not decode, on the channel both servers hear: an unsafe YAML tag,
      // an envelope whose data is not a sequence, one whose type is a number.
      for (String bad :
          new String[] {
            "!!javax.script.ScriptEngineManager []",
            ":method: :say\n:data: 5\n:type: :all\n:server: cli\n",
            ":method: :say\n:data:\n- x\n:type: 5\n:server: cli\n"
          }) {
        assertThat(redis.publishWithCli(CHANNEL, bad)).isEqualTo("2");
      }
      // One more on B's private channel only. Text that is not YAML, and plain text, are not
      // envelopes: foreign, handed to onBroadcast (not rejected).
      assertThat(redis.publishWithCli(bServer, "!!java.net.URL [\"http://example.com\"]"))
          .isEqualTo("1");
      assertThat(redis.publishWithCli(CHANNEL, ":method: [unclosed")).isEqualTo("2");
      assertThat(redis.publishWithCli(CHANNEL, "hello from cli")).isEqualTo("2");
      for (WsClient client : new WsClient[] {onA, onB}) {
        client.expectText("raw :method: [unclosed");
        client.expectText("raw hello from cli");
      }
      awaitUntil(() -> metrics(a).bus().rejected() == 3 && metrics(b).bus().rejected() == 4);
      assertThat(metrics(a).bus().foreign()).isEqualTo(2);
      assertThat(metrics(b).bus().foreign()).isEqualTo(2);
      assertThat(metrics(a).bus().received().values()).containsOnly(0L);

      // A unicast to B's connection that has left: B answers "failed", A counts one failure.
      String gone;
      try (WsClient leaving = WsClient.connect(b.ws("/chat"))) {
        gone = uuid(leaving);
      }
      awaitUntil(() -> metrics(b).routes().get("/chat").connections() == 1);
      onA.send("unicast:" + gone + ":lost");
      assertThat(Journal.awaitEntry("failed ")).startsWith("failed " + gone);
      // A unicast to a server that does not exist: nobody hears it on Redis.
      String noServer = "00000000-0000-0000-0000-000000000000" + "1";
      onA.send("unicast:" + noServer + ":lost");
      assertThat(Journal.awaitEntry("failed ")).startsWith("failed " + noServer);
      // A Messenger unicast to B's gone connection: answered false.
      assertThat(
              Plezi.messenger(a.servletContext())
                  .unicast(gone, "say", "lost")
                  .toCompletableFuture()
                  .get(30, TimeUnit.SECONDS))
          .isFalse();
      awaitUntil(() -> metrics(a).unicastsFailed() == 3);
      assertThat(metrics(b).unicastsFailed()).isZero();
      PleziMetrics.Bus busA = metrics(a).bus();
      PleziMetrics.Bus busB = metrics(b).bus();
      assertThat(busA.published()).containsEntry("unicast", 3L).containsEntry("reply", 0L);
      assertThat(busB.received()).containsEntry("unicast", 2L);
      assertThat(busB.published()).containsEntry("reply", 2L);
      awaitUntil(() -> metrics(a).bus().received().get("reply") == 2);

      // Mail from A to an identity on B: appended on A, delivered on B.
      onB.send("login:bob");
      onB.expectText("logged in as bob");
      onA.send("notify:bob:hi");
      onA.expectText("notified true");
      onB.expectText("mail hi");
      awaitUntil(() -> metrics(b).mailboxes().deliveries() == 1);
      assertThat(metrics(a).mailboxes()).isEqualTo(new PleziMetrics.Mailboxes(1, 0, 0, 0));
      assertThat(metrics(b).mailboxes().appends()).isZero();
      assertThat(metrics(a).bus().published()).containsEntry("unicast", 4L);
      assertThat(metrics(a).unicastsFailed()).isEqualTo(3); // mail is not a unicast failure
      assertThat(metrics(a).bus().rejected()).isEqualTo(3);
      assertThat(metrics(b).bus().rejected()).isEqualTo(4);
    }
  }

  private static long subscribers(RedisServer redis, String channel) {
    try {
      return redis.subscribers(channel);
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
