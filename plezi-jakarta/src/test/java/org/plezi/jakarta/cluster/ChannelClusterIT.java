package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Channels across two servers in JVMs of their own (issue 17), on a Redis server of the test's own:
 * what crosses, where Redis sends it ({@code PUBSUB NUMSUB}), what another program publishes.
 */
@Timeout(240)
class ChannelClusterIT {
  private static final String CLUSTER = "plezi_channels_it";

  private static RedisServer redis;
  private static ClusterNode.Running one;
  private static ClusterNode.Running two;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    redis = RedisServer.start();
    one = ClusterNode.launch(redis.url(), CLUSTER);
    two = ClusterNode.launch(redis.url(), CLUSTER);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    one.close();
    two.close();
    redis.close();
  }

  @AfterEach
  void closeClients() throws Exception {
    for (WsClient client : clients) {
      client.close();
    }
  }

  private WsClient open(ClusterNode.Running node) throws Exception {
    WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + node.port() + "/rooms"));
    clients.add(client);
    assertThat(client.nextText()).startsWith("uuid ");
    return client;
  }

  private static void command(WsClient client, String command, String answer) throws Exception {
    client.send(command);
    client.expectText(answer);
  }

  private static String redisName(String channel) {
    return CLUSTER + ":ch:" + channel;
  }

  /** Waits until Redis knows exactly {@code servers} subscribers of the channel. */
  private static void awaitServers(String channel, long servers) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> redis.subscribers(redisName(channel)) == servers);
  }

  @Test
  void aPublishReachesTheSubscribersOfEveryServerOnce() throws Exception {
    WsClient sender = open(one);
    WsClient local = open(one);
    WsClient remote = open(two);
    WsClient remoteToo = open(two);
    WsClient outsider = open(two);
    command(local, "sub:lobby", "subscribed lobby");
    command(remote, "sub:lobby", "subscribed lobby");
    command(remoteToo, "sub:lobby", "subscribed lobby");
    awaitServers("lobby", 2); // one subscription per server, whatever its subscribers
    command(sender, "pub:lobby:hello all", "published");
    local.expectText("say hello all");
    remote.expectText("say hello all");
    remoteToo.expectText("say hello all");
    command(remote, "pub:lobby:back", "published");
    local.expectText("say back");
    remoteToo.expectText("say back");
    for (WsClient client : List.of(sender, local, remote, remoteToo, outsider)) {
      client.expectNothingMore();
    }
  }

  @Test
  void onlyServersWithSubscribersReceiveAndTheyLeaveWithTheirLastSubscriber() throws Exception {
    WsClient first = open(two);
    WsClient second = open(two);
    WsClient publisher = open(one);
    command(first, "sub:only-two", "subscribed only-two");
    command(second, "subraw:only-two", "subscribed only-two");
    awaitServers("only-two", 1); // server one never subscribed
    command(publisher, "raw:only-two:<p>raw frame</p>", "published");
    second.expectText("<p>raw frame</p>");
    command(publisher, "pub:only-two:event", "published");
    first.expectText("say event");
    command(first, "unsub:only-two", "unsubscribed only-two");
    assertThat(redis.subscribers(redisName("only-two"))).isEqualTo(1); // second is still there
    command(publisher, "pub:only-two:after unsubscribe", "published");
    command(publisher, "raw:only-two:still raw", "published");
    second.expectText("still raw");
    first.expectNothingMore();
    second.close(); // the last subscriber of server two: it leaves the Redis channel
    awaitServers("only-two", 0);
    WsClient again = open(two);
    command(again, "sub:only-two", "subscribed only-two");
    awaitServers("only-two", 1);
    command(publisher, "pub:only-two:welcome back", "published");
    again.expectText("say welcome back");
  }

  @Test
  void manyChannelsShareEachServersOneSubscriptionConnection() throws Exception {
    int before = subscribedConnections();
    WsClient onOne = open(one);
    WsClient onTwo = open(two);
    command(onOne, "many:60", "subscribed 60");
    command(onTwo, "many:60", "subscribed 60");
    try {
      for (int i = 0; i < 60; i++) {
        awaitServers("many" + i, 2);
      }
    } catch (RuntimeException e) {
      StringBuilder counts = new StringBuilder();
      for (int i = 0; i < 60; i++) {
        counts.append(redis.subscribers(redisName("many" + i))).append(' ');
      }
      throw new AssertionError(
          "servers per channel: "
              + counts
              + "; subscribed Redis connections: "
              + subscribedConnections(),
          e);
    }
    // Each server listens on its one subscription connection: no new Redis connection appeared.
    assertThat(subscribedConnections()).isEqualTo(before).isEqualTo(2);
    WsClient publisher = open(one);
    command(publisher, "pub:many59:the last one", "published");
    onOne.expectText("say the last one");
    onTwo.expectText("say the last one");
    onTwo.close();
    for (int i = 0; i < 60; i++) {
      awaitServers("many" + i, 1);
    }
  }

  @Test
  void anotherProgramPublishesRawTextAndEnvelopesWithRedisCli() throws Exception {
    WsClient raw = open(one);
    WsClient events = open(two);
    command(raw, "subraw:news", "subscribed news");
    command(events, "sub:news", "subscribed news");
    awaitServers("news", 2);
    assertThat(redis.publishWithCli(redisName("news"), "plain text, as it is")).isEqualTo("2");
    raw.expectText("plain text, as it is");
    String envelope =
        "---\n:method: :say\n:data:\n- from redis-cli\n:type: :all\n:server: another-program\n";
    redis.publishWithCli(redisName("news"), envelope);
    events.expectText("say from redis-cli");
    raw.expectNothingMore();
    events.expectNothingMore();
  }

  @Test
  void badPayloadsFromRedisAreDroppedAndTheSubscribersGoOn() throws Exception {
    WsClient raw = open(two);
    WsClient events = open(two);
    command(raw, "subraw:guarded", "subscribed guarded");
    command(events, "sub:guarded", "subscribed guarded");
    awaitServers("guarded", 1);
    String channel = redisName("guarded");
    redis.publish(channel, "---\n:method: !!java.lang.ProcessBuilder [x]\n:server: evil\n");
    redis.publish(channel, "---\n:method: :close\n:data: []\n:type: :all\n:server: evil\n");
    redis.publish(channel, "x".repeat(1024 * 1024 + 1)); // over the payload limit
    redis.publish(channel, "---\n:method: :say\n:data:\n- 1\n- 2\n:type: :all\n:server: s\n");
    redis.publish(channel, "after the bad ones");
    raw.expectText("after the bad ones");
    raw.expectNothingMore();
    events.expectNothingMore(); // close is no event; say(String) does not take two numbers
    assertThat(raw.session().isOpen()).isTrue();
    redis.publishWithCli(channel, "---\n:method: :say\n:data:\n- fine\n:type: :all\n:server: s\n");
    events.expectText("say fine");
  }

  @Test
  void badNamesAreRefusedOnEveryServer() throws Exception {
    WsClient client = open(two);
    client.send("sub:no spaces");
    assertThat(client.nextText()).startsWith("error a channel name is 1 to 200 characters");
    client.send("pub:*:glob");
    assertThat(client.nextText()).startsWith("error a channel name is 1 to 200 characters");
    assertThat(redis.subscribers(redisName("no spaces"))).isZero();
  }

  /** Redis clients with at least one subscription ({@code CLIENT LIST}, field {@code sub=}). */
  private static int subscribedConnections() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", redis.port()), 1000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write("CLIENT LIST\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder header = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        header.append((char) c);
      }
      int length = Integer.parseInt(header.toString().trim().substring(1));
      String list = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      int count = 0;
      for (String line : list.split("\n")) {
        java.util.regex.Matcher sub = java.util.regex.Pattern.compile(" sub=(\\d+)").matcher(line);
        java.util.regex.Matcher ssub =
            java.util.regex.Pattern.compile(" psub=(\\d+)").matcher(line);
        if (sub.find() && Integer.parseInt(sub.group(1)) > 0) {
          count++;
        } else if (ssub.find() && Integer.parseInt(ssub.group(1)) > 0) {
          count++;
        }
      }
      return count;
    }
  }
}
