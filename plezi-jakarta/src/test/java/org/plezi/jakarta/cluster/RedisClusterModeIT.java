package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.plezi.jakarta.internal.redis.RedisPresenceStore;
import org.plezi.jakarta.testing.Directories;
import org.plezi.jakarta.testing.RedisClusterNodes;
import org.plezi.jakarta.testing.RedisNode;
import org.plezi.jakarta.testing.WsClient;

/**
 * Two servers in JVMs of their own on a test-owned Redis Cluster (six nodes: three masters, three
 * replicas), through {@code plezi.redis.config}: multicasts, class broadcasts, unicasts and
 * identity mailboxes cross the servers; an identity's keys share one slot whatever its name (braces
 * included); the private channels are sharded and the global one is not; application channels
 * (classic pub/sub) reach the subscribers on both servers; presence (issue 20) crosses the servers
 * with every key of a channel in its slot, and a killed server's members go within the lease;
 * channel history numbers publications alike on both servers and a client recovers on the other.
 */
@Timeout(180)
class RedisClusterModeIT {
  private static final String CHANNEL = "plezi_cluster_mode_it";

  /** Every channel keeps history (README, "History and recovery"). */
  private static final Map<String, String> HISTORY = Map.of("plezi.channels.historySize", "5");

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
    a = ClusterNode.launch(yaml.toString(), CHANNEL, dir.resolve("a.log"), HISTORY);
    b = ClusterNode.launch(yaml.toString(), CHANNEL, dir.resolve("b.log"), HISTORY);
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

  private WsClient room(ClusterNode.Running server) throws Exception {
    WsClient client = open(server, "/rooms");
    uuid(client);
    return client;
  }

  private static void command(WsClient client, String command, String answer) throws Exception {
    client.send(command);
    client.expectText(answer);
  }

  /** The servers subscribed to an application channel: classic subscriptions on every node. */
  private static long channelServers(String channel) {
    long servers = 0;
    for (RedisNode node : redis.nodes()) {
      String[] numsub = node.cli("PUBSUB", "NUMSUB", CHANNEL + ":ch:" + channel).split("\n");
      servers += Long.parseLong(numsub[numsub.length - 1].trim());
    }
    return servers;
  }

  private static void awaitChannelServers(String channel, long servers) {
    await().atMost(Duration.ofSeconds(20)).until(() -> channelServers(channel) == servers);
  }

  /**
   * Channels (issue 17) on Redis Cluster: a publish from either server, from a Messenger and from
   * redis-cli on any node reaches each subscriber on both servers once; an unsubscribe stops it,
   * and a server with no subscriber is not sent the channel.
   */
  @Test
  void channelsReachTheSubscribersOfBothServersOnceAndLeaveWithTheirLastOne() throws Exception {
    WsClient onA = room(a);
    WsClient onB = room(b);
    WsClient onBToo = room(b);
    WsClient rawOnA = room(a);
    WsClient publisherA = room(a);
    WsClient publisherB = room(b);
    command(onA, "sub:lobby", "subscribed lobby");
    command(onB, "sub:lobby", "subscribed lobby");
    command(onBToo, "sub:lobby", "subscribed lobby");
    command(rawOnA, "subraw:lobby", "subscribed lobby");
    awaitChannelServers("lobby", 2); // one subscription per server
    assertThat(shardChannels()).noneMatch(name -> name.contains(":ch:"));

    command(publisherA, "pub:lobby:from A", "published");
    onA.expectText("say from A");
    onB.expectText("say from A");
    onBToo.expectText("say from A");
    command(onB, "pub:lobby:from a subscriber on B", "published"); // skips its sender
    onA.expectText("say from a subscriber on B");
    onBToo.expectText("say from a subscriber on B");
    command(publisherB, "mpub:lobby:from B's Messenger", "published");
    onA.expectText("say from B's Messenger");
    onB.expectText("say from B's Messenger");
    onBToo.expectText("say from B's Messenger");
    command(publisherA, "mraw:lobby:<p>raw from A's Messenger</p>", "published");
    rawOnA.expectText("<p>raw from A's Messenger</p>");
    String envelope =
        "---\n:method: :say\n:data:\n- from redis-cli\n:type: :all\n:server: another-program\n";
    RedisNode last = redis.nodes().get(redis.nodes().size() - 1);
    last.cli("PUBLISH", CHANNEL + ":ch:lobby", envelope); // a classic PUBLISH on any node
    onA.expectText("say from redis-cli");
    onB.expectText("say from redis-cli");
    onBToo.expectText("say from redis-cli");
    for (WsClient client : List.of(onA, onB, onBToo, rawOnA, publisherA, publisherB)) {
      client.expectNothingMore();
    }

    command(onA, "unsub:lobby", "unsubscribed lobby");
    command(rawOnA, "unsub:lobby", "unsubscribed lobby");
    awaitChannelServers("lobby", 1); // A has no subscriber left: Redis sends it nothing
    command(publisherA, "pub:lobby:A has none", "published");
    command(publisherB, "mraw:lobby:nor raw", "published");
    onB.expectText("say A has none");
    onBToo.expectText("say A has none");
    for (WsClient client : List.of(onA, onB, onBToo, rawOnA, publisherA, publisherB)) {
      client.expectNothingMore();
    }
  }

  /** Every sharded channel the masters know. */
  private static Set<String> shardChannels() {
    Set<String> sharded = new HashSet<>();
    for (RedisNode master : redis.masters()) {
      for (String channel : master.cli("PUBSUB", "SHARDCHANNELS").split("\n")) {
        if (!channel.isBlank()) {
          sharded.add(channel.trim());
        }
      }
    }
    return sharded;
  }

  private static String who(WsClient client, String channel) throws Exception {
    client.send("who:" + channel);
    String answer = client.nextText();
    assertThat(answer).startsWith("who {");
    return answer;
  }

  private WsClient tab(ClusterNode.Running server, String user, String channel, String name)
      throws Exception {
    WsClient tab = room(server);
    command(tab, "login:" + user, "logged in as " + user);
    command(tab, "track:" + channel + ":" + name, "tracked " + channel);
    return tab;
  }

  /** The keys of a channel's presence: its members, its servers' leases, a member's servers. */
  private static List<String> presenceKeys(String channel, String member) {
    String hash = CHANNEL + ":pr:{" + channel + "}";
    return List.of(hash, hash + ":alive", hash + "#" + member);
  }

  /**
   * Presence (issue 20) on Redis Cluster: tabs of one identity on both servers are one member,
   * joining and leaving once; identities whose braces and percent signs would break a hash tag are
   * members like any other; every key of the channel is in the channel's slot (CLUSTER KEYSLOT),
   * and the last leave removes the member's keys.
   */
  @Test
  void presenceCrossesTheServersWithEveryKeyOfAChannelInItsSlot() throws Exception {
    WsClient watcher = room(b);
    command(watcher, "sub:hall", "subscribed hall");
    awaitChannelServers("hall", 1);
    WsClient evilOnA = tab(a, "}evil", "hall", "EVIL");
    watcher.expectText("join hall }evil {name=EVIL}");
    WsClient evilOnB = tab(b, "}evil", "hall", "EVIL AGAIN"); // the same member: no event
    assertThat(who(watcher, "hall")).isEqualTo("who {}evil={name=EVIL}}");
    WsClient odd = tab(b, "a}b{c", "hall", "ODD");
    watcher.expectText("join hall a}b{c {name=ODD}");
    WsClient percent = tab(a, "100%", "hall", "PERCENT");
    watcher.expectText("join hall 100% {name=PERCENT}");
    assertThat(who(evilOnA, "hall"))
        .isEqualTo("who {100%={name=PERCENT}, a}b{c={name=ODD}, }evil={name=EVIL}}");

    for (String member : List.of("}evil", "a}b{c", "100%")) {
      List<String> keys = presenceKeys("hall", member);
      int slot = redis.slot(keys.get(0));
      for (String key : keys) {
        assertThat(redis.slot(key)).as(key).isEqualTo(slot);
        assertThat(redis.cli("EXISTS", key)).as(key).isEqualTo("1");
      }
    }
    List<String> evil = presenceKeys("hall", "}evil");
    assertThat(redis.cli("SMEMBERS", evil.get(2)).split("\n"))
        .containsExactlyInAnyOrder(a.serverUuid(), b.serverUuid());
    assertThat(redis.cli("HKEYS", evil.get(1)).split("\n"))
        .containsExactlyInAnyOrder(a.serverUuid(), b.serverUuid());

    evilOnA.close(); // B still holds a tab of }evil
    command(percent, "untrack:hall", "untracked hall");
    watcher.expectText("leave hall 100%");
    assertThat(who(watcher, "hall")).isEqualTo("who {a}b{c={name=ODD}, }evil={name=EVIL}}");
    watcher.expectNothingMore(); // no leave for }evil: its tab on B stays
    assertThat(redis.cli("SMEMBERS", evil.get(2))).isEqualTo(b.serverUuid());
    evilOnB.close();
    watcher.expectText("leave hall }evil");
    odd.close();
    watcher.expectText("leave hall a}b{c");
    assertThat(who(watcher, "hall")).isEqualTo("who {}");
    for (String member : List.of("}evil", "a}b{c", "100%")) {
      assertThat(redis.cli("EXISTS", presenceKeys("hall", member).get(2))).isEqualTo("0");
    }
    assertThat(redis.cli("EXISTS", evil.get(0))).isEqualTo("0"); // an empty hash is no key
    watcher.expectNothingMore();
  }

  /**
   * Redis Cluster lost its data (FLUSHALL on every master): the healer's pass writes the members
   * again, with their metadata and this server's lease, in the channel's slot.
   */
  @Test
  void afterTheClusterLostItsDataTheHealerWritesTheMembersAgain() throws Exception {
    WsClient watcher = room(b);
    tab(a, "}heal", "ward", "HEAL");
    // track() answers before its join reaches Redis (the join is asynchronous): a read on the
    // other server sees the member once it has
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> who(watcher, "ward").equals("who {}heal={name=HEAL}}"));
    for (RedisNode master : redis.masters()) {
      master.cli("FLUSHALL");
    }
    assertThat(redis.cli("EXISTS", presenceKeys("ward", "}heal").get(0))).isEqualTo("0");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> who(watcher, "ward").equals("who {}heal={name=HEAL}}"));
    for (String key : presenceKeys("ward", "}heal")) {
      assertThat(redis.cli("EXISTS", key)).as(key).isEqualTo("1");
    }
    assertThat(redis.cli("SMEMBERS", presenceKeys("ward", "}heal").get(2)))
        .isEqualTo(a.serverUuid());
  }

  /**
   * A SIGKILLed server (a third one, in a JVM of its own) stops renewing its lease in the channel's
   * lease hash: its members leave the list within the lease's length, and its lease goes.
   */
  @Test
  void aKilledServersMembersGoWithinTheLease() throws Exception {
    Path yaml = dir.resolve("redisson-cluster.yaml");
    ClusterNode.Running doomed = ClusterNode.launch(yaml.toString(), CHANNEL, dir.resolve("c.log"));
    try {
      WsClient watcher = room(a);
      command(watcher, "track:yard:WATCHER", "tracked yard");
      tab(doomed, "carol", "yard", "CAROL");
      tab(doomed, "}dave", "yard", "DAVE");
      await().atMost(Duration.ofSeconds(20)).until(() -> who(watcher, "yard").contains("}dave="));
      String leases = presenceKeys("yard", "carol").get(1);
      assertThat(redis.cli("HEXISTS", leases, doomed.serverUuid())).isEqualTo("1");
      long killedAt = System.nanoTime();
      doomed.kill(); // SIGKILL: no shutdown, no removal
      await()
          .atMost(Duration.ofMillis(RedisPresenceStore.TTL_MILLIS + 10_000))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> !who(watcher, "yard").contains("carol="));
      long gone = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
      System.out.println(
          "RedisClusterModeIT: a killed server's members went after " + gone + " ms");
      // The lease runs out from the last renewal before the kill; slack for one read.
      assertThat(gone).isLessThanOrEqualTo(RedisPresenceStore.TTL_MILLIS + 3_000);
      assertThat(who(watcher, "yard")).doesNotContain("}dave=").contains("={name=WATCHER}");
      assertThat(redis.cli("HEXISTS", leases, doomed.serverUuid())).isEqualTo("0");
      assertThat(redis.cli("EXISTS", presenceKeys("yard", "carol").get(2))).isEqualTo("0");
    } finally {
      doomed.close();
    }
    assertThat(Files.readString(dir.resolve("c.log"))).doesNotContain("CROSSSLOT");
  }

  /**
   * Channel history (issue 18) on Redis Cluster: both servers number a channel's publications alike
   * and a client recovers on the other server; the stream and its hash share a slot.
   */
  @Test
  void historyOffsetsAreSharedAndAClientRecoversOnTheOtherServer() throws Exception {
    try (HistoryAcrossServers history = new HistoryAcrossServers()) {
      history.offsetsAreSharedAndRecoveryWorksOnTheOtherServer(
          a.port(), b.port(), servers -> awaitChannelServers("h", servers));
    }
    String stream = CHANNEL + ":hs:{h}";
    assertThat(redis.slot(CHANNEL + ":hm:{h}")).isEqualTo(redis.slot(stream));
    assertThat(redis.cli("XLEN", stream)).isEqualTo("5"); // trimmed to the bound
  }

  @Test
  void theServersLogNoCrossSlotError() throws Exception {
    for (Path log : List.of(dir.resolve("a.log"), dir.resolve("b.log"))) {
      assertThat(Files.readString(log)).doesNotContain("CROSSSLOT");
    }
  }
}
