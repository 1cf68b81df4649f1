package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plezi.jakarta.testing.Directories;
import org.plezi.jakarta.testing.RedisClusterNodes;
import org.plezi.jakarta.testing.RedisNode;
import org.plezi.jakarta.testing.WsClient;

/**
 * Two servers in JVMs of their own on a test-owned Redis Cluster (six nodes: three masters, three
 * replicas), through {@code plezi.redis.config}: multicasts, class broadcasts, unicasts and
 * identity mailboxes cross the servers; an identity's keys share one slot whatever its name (braces
 * included); the private channels are sharded and the global one is not.
 */
@Timeout(180)
class RedisClusterModeIT {
  private static final String CHANNEL = "plezi_cluster_mode_it";

  private static RedisClusterNodes redis;
  private static Path dir;
  private static ClusterNode.Running a;
  private static ClusterNode.Running b;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    redis = RedisClusterNodes.start();
    dir = Directories.createTemp("plezi-cluster-mode");
    Path yaml = redis.writeRedissonYaml(dir.resolve("redisson-cluster.yaml"));
    a = ClusterNode.launch(yaml.toString(), CHANNEL, dir.resolve("a.log"));
    b = ClusterNode.launch(yaml.toString(), CHANNEL, dir.resolve("b.log"));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    try {
      if (a != null) {
        a.close();
      }
      if (b != null) {
        b.close();
      }
    } finally {
      if (redis != null) {
        redis.close();
      }
      if (dir != null) {
        Directories.deleteRecursively(dir);
      }
    }
  }

  @AfterEach
  void closeClients() throws Exception {
    for (WsClient client : clients) {
      client.close();
    }
  }

  private WsClient open(ClusterNode.Running server, String path) throws Exception {
    WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + server.port() + path));
    clients.add(client);
    return client;
  }

  private static String uuid(WsClient client) throws InterruptedException {
    String greeting = client.nextText();
    assertThat(greeting).startsWith("uuid ");
    return greeting.substring(5);
  }

  private WsClient login(ClusterNode.Running server, String identity) throws Exception {
    WsClient client = open(server, "/chat");
    uuid(client);
    client.send("login:" + identity);
    client.expectText("logged in as " + identity);
    return client;
  }

  @Test
  void multicastReachesEveryServerOnceAndSkipsTheSender() throws Exception {
    WsClient sender = open(a, "/chat");
    WsClient localPeer = open(a, "/chat");
    WsClient remote = open(b, "/chat");
    WsClient remoteOther = open(b, "/other");
    for (WsClient client : List.of(sender, localPeer, remote, remoteOther)) {
      uuid(client);
    }
    sender.send("multicast:hello cluster");
    localPeer.expectText("say hello cluster");
    remote.expectText("say hello cluster");
    remoteOther.expectText("other hello cluster");
    for (WsClient client : List.of(sender, localPeer, remote, remoteOther)) {
      client.expectNothingMore();
    }
  }

  @Test
  void classBroadcastCrossesServersAndReachesOnlyThatClass() throws Exception {
    WsClient sender = open(a, "/chat");
    WsClient remoteChat = open(b, "/chat");
    WsClient remoteOther = open(b, "/other");
    uuid(sender);
    uuid(remoteChat);
    uuid(remoteOther);
    sender.send("broadcastOther:others only");
    remoteOther.expectText("other others only");
    remoteChat.expectNothingMore();
    sender.send("broadcast:chat only");
    remoteChat.expectText("say chat only");
    remoteOther.expectNothingMore();
  }

  @Test
  void unicastCrossesServersBothWaysToExactlyItsTarget() throws Exception {
    WsClient onA = open(a, "/chat");
    WsClient target = open(b, "/chat");
    WsClient bystander = open(b, "/chat");
    String onAUuid = uuid(onA);
    String targetUuid = uuid(target);
    uuid(bystander);
    onA.send("unicast:" + targetUuid + ":just you");
    target.expectText("say just you");
    target.send("unicast:" + onAUuid + ":and back");
    onA.expectText("say and back");
    target.expectNothingMore();
    bystander.expectNothingMore();
  }

  @Test
  void aProgramPublishingWithPlainPublishOnAnyNodeReachesEveryServer() throws Exception {
    WsClient onA = open(a, "/chat");
    WsClient onB = open(b, "/chat");
    uuid(onA);
    uuid(onB);
    String yaml = "---\n:method: :print\n:data:\n- Hi\n:type: :all\n:server: redis-cli\n";
    // a classic PUBLISH on any node is propagated to the whole cluster
    RedisNode last = redis.nodes().get(redis.nodes().size() - 1);
    last.cli("PUBLISH", CHANNEL, yaml);
    onA.expectText("print Hi");
    onB.expectText("print Hi");
  }

  @Test
  void thePrivateChannelsAreShardedAndTheGlobalChannelIsNot() {
    Set<String> sharded = new HashSet<>();
    List<String> owners = new ArrayList<>();
    long globalSubscribers = 0;
    for (RedisNode master : redis.masters()) {
      for (String channel : master.cli("PUBSUB", "SHARDCHANNELS").split("\n")) {
        if (!channel.isBlank()) {
          sharded.add(channel.trim());
          owners.add(channel.trim() + "@" + master.port());
        }
      }
    }
    for (RedisNode node : redis.nodes()) {
      String[] numsub = node.cli("PUBSUB", "NUMSUB", CHANNEL).split("\n");
      globalSubscribers += Long.parseLong(numsub[numsub.length - 1].trim());
    }
    assertThat(sharded).contains(a.serverUuid(), b.serverUuid()).doesNotContain(CHANNEL);
    assertThat(owners).as("each private channel on one shard only").hasSize(sharded.size());
    assertThat(globalSubscribers).as("one classic subscription per server").isEqualTo(2);
  }

  @Test
  void identityMailboxesWorkAcrossServersAndABacklogIsDeliveredInOrder() throws Exception {
    WsClient ada = login(b, "ada");
    WsClient bob = login(a, "bob");
    bob.send("notify:ada:from bob on A");
    bob.expectText("notified true");
    ada.expectText("mail from bob on A");
    bob.send("notify:nobody:x");
    bob.expectText("notified false");

    WsClient first = login(a, "cleo");
    first.close();
    for (int i = 1; i <= 20; i++) {
      bob.send("notify:cleo:note " + i);
      bob.expectText("notified true");
    }
    WsClient again = login(b, "cleo");
    int next = 1;
    while (next <= 20) {
      String text = again.nextText();
      assertThat(text).startsWith("mail note ");
      int number = Integer.parseInt(text.substring("mail note ".length()));
      // at least once: A may have handed a note to the closing connection
      assertThat(number).isBetween(next - 1, next);
      next = number + 1;
    }
  }

  /**
   * Names that would break a naive hash tag: a leading '}' left "{}" (an empty tag, so Redis hashed
   * the whole keys into three slots and every script failed with CROSSSLOT), and names whose braces
   * or percent signs must not make two identities share keys.
   */
  @ParameterizedTest
  @ValueSource(strings = {"}evil", "}", "{", "{}", "a}b{c", "{x}", "%7D", "100%"})
  void anIdentityWithBracesKeepsItsKeysInOneSlotAndGetsItsMail(String identity) throws Exception {
    WsClient holder = login(b, identity);
    WsClient sender = open(a, "/chat");
    uuid(sender);
    sender.send("notify:" + identity + ":hello " + identity);
    sender.expectText("notified true");
    holder.expectText("mail hello " + identity);

    String tag = identity.replace("%", "%25").replace("{", "%7B").replace("}", "%7D");
    String base = CHANNEL + ":identity:{" + tag + "}:";
    int slot = redis.slot(base + "meta");
    assertThat(redis.slot(base + "conns")).isEqualTo(slot);
    assertThat(redis.slot(base + "box")).isEqualTo(slot);
    assertThat(redis.cli("EXISTS", base + "meta")).isEqualTo("1");
    assertThat(redis.cli("EXISTS", base + "conns")).isEqualTo("1");
  }

  @Test
  void theServersLogNoCrossSlotError() throws Exception {
    for (Path log : List.of(dir.resolve("a.log"), dir.resolve("b.log"))) {
      assertThat(Files.readString(log)).doesNotContain("CROSSSLOT");
    }
  }
}
