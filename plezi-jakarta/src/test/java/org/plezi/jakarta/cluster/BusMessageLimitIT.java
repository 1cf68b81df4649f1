package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.internal.redis.RedisBus;
import org.plezi.jakarta.testing.LogCapture;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Oversized bus messages, with a redis-server the test owns and two servers (one in a JVM of its
 * own): a multicast above {@code plezi.bus.maxMessageBytes} is refused by its publisher with
 * IllegalArgumentException before anything reaches Redis, delivered nowhere, logged once; an
 * oversized payload that another program publishes is dropped by every receiver; deliveries before
 * and after arrive, and no server's subscription was cut (the same pub/sub clients throughout).
 */
@Timeout(180)
class BusMessageLimitIT {
  private static final String CHANNEL = "plezi_bus_limit_it";

  /** The ids of Redis's pub/sub clients: a resubscription would show new ones. */
  private static List<String> pubSubClients(RedisServer redis) throws Exception {
    Process cli =
        new ProcessBuilder(
                "redis-cli",
                "-p",
                Integer.toString(redis.port()),
                "CLIENT",
                "LIST",
                "TYPE",
                "pubsub")
            .redirectErrorStream(true)
            .start();
    String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(cli.waitFor(10, TimeUnit.SECONDS)).isTrue();
    List<String> ids = new ArrayList<>();
    for (String line : out.split("\n")) {
      Arrays.stream(line.split(" "))
          .filter(field -> field.startsWith("id="))
          .findFirst()
          .ifPresent(ids::add);
    }
    return ids;
  }

  @Test
  void anOversizedPublishIsRefusedByItsPublisherAndCutsNoSubscription() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ClusterNode.Running other = ClusterNode.launch(redis.url(), CHANNEL);
        TestServer server =
            TestServer.start(
                Map.of("plezi.redis.url", redis.url(), "plezi.channel", CHANNEL),
                ClusterChat.class);
        WsClient local = WsClient.connect(server.ws("/chat"));
        WsClient remote =
            WsClient.connect(java.net.URI.create("ws://127.0.0.1:" + other.port() + "/chat"))) {
      RedisClusterIT.awaitConnected(server);
      RedisBus bus = RedisClusterIT.bus(server);
      assertThat(local.nextText()).startsWith("uuid ");
      assertThat(remote.nextText()).startsWith("uuid ");
      Messenger messenger = Plezi.messenger(server.servletContext());
      List<String> clientsBefore = pubSubClients(redis);
      assertThat(clientsBefore).hasSizeGreaterThanOrEqualTo(2); // each server's subscriptions

      for (int i = 0; i < 20; i++) {
        messenger.multicast("say", "before " + i);
      }
      for (int i = 0; i < 20; i++) {
        local.expectText("say before " + i);
        remote.expectText("say before " + i);
      }

      String big = "x".repeat(2 * 1024 * 1024);
      long published = bus.publishedCount();
      try (LogCapture log = LogCapture.start()) {
        assertThatThrownBy(() -> messenger.multicast("say", big))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("multicast 'say' was refused, nothing was sent")
            .hasMessageContaining("exceeds 1048576 bytes")
            .hasMessageContaining("plezi.bus.maxMessageBytes");
        assertThat(bus.publishedCount()).as("nothing reached Redis").isEqualTo(published);
        assertThat(log.count("was refused, nothing was sent")).as("logged once").isEqualTo(1);
        assertThat(log.texts()).noneMatch(text -> text.contains(" | ")); // no stack trace

        // Another program's oversized payload: every receiver drops it unread.
        assertThat(redis.publish(CHANNEL, "---\n:method: :say\n:data:\n- " + big + "\n"))
            .isGreaterThanOrEqualTo(2);
        for (int i = 0; i < 20; i++) {
          messenger.multicast("say", "after " + i);
        }
        for (int i = 0; i < 20; i++) {
          local.expectText("say after " + i); // nothing of either big one came first
          remote.expectText("say after " + i);
        }
        // The local clients got "after" straight from their own server, not through Redis: its
        // subscriber may still be decoding the big payload, so wait for its one line.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> log.count("rejected a message on Redis channel") >= 1);
        local.expectNothingMore();
        remote.expectNothingMore();
        assertThat(log.count("rejected a message on Redis channel")).isEqualTo(1);
      }
      assertThat(pubSubClients(redis)).as("no subscription was cut").isEqualTo(clientsBefore);
      assertThat(bus.linkState().reconnects()).isZero();
    }
  }
}
