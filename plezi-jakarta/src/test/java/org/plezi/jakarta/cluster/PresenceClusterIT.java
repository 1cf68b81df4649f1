package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.internal.redis.RedisPresenceStore;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Presence across two servers in JVMs of their own (issue 17): several tabs per identity are one
 * member, join and leave are told once per member, a SIGKILLed server's members go within the
 * documented expiry and a new server does not bring them back.
 */
@Timeout(240)
class PresenceClusterIT {
  private static final String CLUSTER = "plezi_presence_it";
  private final List<WsClient> clients = new ArrayList<>();

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

  private static String who(WsClient client, String channel) throws Exception {
    client.send("who:" + channel);
    String answer = client.nextText();
    assertThat(answer).startsWith("who {");
    return answer;
  }

  private WsClient tab(ClusterNode.Running node, String user, String channel) throws Exception {
    WsClient tab = open(node);
    command(tab, "login:" + user, "logged in as " + user);
    command(tab, "track:" + channel + ":" + user.toUpperCase(), "tracked " + channel);
    return tab;
  }

  @Test
  void threeTabsOnTwoServersAreOneMemberJoiningAndLeavingOnce() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ClusterNode.Running one = ClusterNode.launch(redis.url(), CLUSTER);
        ClusterNode.Running two = ClusterNode.launch(redis.url(), CLUSTER)) {
      WsClient watcher = open(two);
      command(watcher, "sub:room", "subscribed room");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> redis.subscribers(CLUSTER + ":ch:room") == 1);
      WsClient first = tab(one, "alice", "room");
      watcher.expectText("join room alice {name=ALICE}");
      WsClient second = tab(two, "alice", "room");
      WsClient third = tab(one, "alice", "room");
      assertThat(who(watcher, "room")).isEqualTo("who {alice={name=ALICE}}");
      WsClient anonymous = open(two);
      command(anonymous, "track:room", "tracked room");
      String joined = watcher.nextText();
      assertThat(joined).startsWith("join room ").endsWith(" {}");
      String uuid = joined.split(" ")[2];
      assertThat(who(first, "room")) // members in name order: a uuid may sort before alice
          .isIn(
              "who {alice={name=ALICE}, " + uuid + "={}}",
              "who {" + uuid + "={}, alice={name=ALICE}}");
      watcher.expectNothingMore(); // the second and third tab joined no one
      first.close();
      third.close(); // server one holds no tab of alice now; server two still does
      await().pollDelay(Duration.ofMillis(500)).until(() -> true);
      watcher.expectNothingMore();
      assertThat(who(watcher, "room")).contains("alice=");
      second.close();
      watcher.expectText("leave room alice");
      command(anonymous, "untrack:room", "untracked room");
      watcher.expectText("leave room " + uuid);
      assertThat(who(watcher, "room")).isEqualTo("who {}");
    }
  }

  @Test
  void aKilledServersMembersGoWithinTheExpiryAndAreNotResurrected() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ClusterNode.Running survivor = ClusterNode.launch(redis.url(), CLUSTER)) {
      ClusterNode.Running doomed = ClusterNode.launch(redis.url(), CLUSTER);
      WsClient watcher = open(survivor);
      command(watcher, "track:hall:WATCHER", "tracked hall");
      tab(doomed, "carol", "hall");
      tab(doomed, "dave", "hall");
      await().atMost(Duration.ofSeconds(20)).until(() -> who(watcher, "hall").contains("dave="));
      assertThat(who(watcher, "hall")).contains("carol=");
      long killedAt = System.nanoTime();
      doomed.kill(); // SIGKILL: no shutdown, no removal
      await()
          .atMost(Duration.ofMillis(RedisPresenceStore.TTL_MILLIS + 10_000))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> !who(watcher, "hall").contains("carol="));
      long gone = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
      System.out.println("PresenceClusterIT: a killed server's members went after " + gone + " ms");
      // The expiry runs in Redis from the last heartbeat before the kill; slack for one read.
      assertThat(gone).isLessThanOrEqualTo(RedisPresenceStore.TTL_MILLIS + 3_000);
      String after = who(watcher, "hall");
      assertThat(after).doesNotContain("dave=").contains("={name=WATCHER}");
      try (ClusterNode.Running restarted = ClusterNode.launch(redis.url(), CLUSTER)) {
        WsClient fresh = open(restarted);
        assertThat(who(fresh, "hall")).isEqualTo(after);
        command(fresh, "track:hall:FRESH", "tracked hall");
        assertThat(who(fresh, "hall")).doesNotContain("carol=", "dave=");
      }
    }
  }
}
