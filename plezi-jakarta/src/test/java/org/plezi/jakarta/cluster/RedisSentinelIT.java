package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.plezi.jakarta.testing.RedisSentinels;
import org.plezi.jakarta.testing.WsClient;

/**
 * Two servers in JVMs of their own joined through Redis Sentinel ({@code plezi.redis.config}, a
 * Redisson YAML naming three sentinels), on a test-owned master, replica and three sentinels. The
 * master is killed (SIGKILL) while one server multicasts every 20 ms: once the sentinels have
 * promoted the replica, multicasts, class broadcasts, unicasts and identity mailboxes work again
 * with no restart, and the test counts what the failover window cost (README, "Redis Sentinel").
 * Channel history (issue 18) and presence (issue 20) are checked before the failover (the same
 * offsets on both servers, recovery on the other server; members across the servers) and after it
 * (publications numbered alike again; the members listed again).
 */
@Timeout(180)
class RedisSentinelIT {
  private static final String CHANNEL = "plezi_sentinel_it";

  private final List<WsClient> clients = new ArrayList<>();

  private WsClient open(int port, String path) throws Exception {
    WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + port + path));
    clients.add(client);
    return client;
  }

  private static String uuid(WsClient client) throws InterruptedException {
    String greeting = client.nextText();
    assertThat(greeting).startsWith("uuid ");
    return greeting.substring(5);
  }

  @Test
  void afterTheMasterIsKilledEveryKindOfMessageWorksAgainWithoutARestart(@TempDir Path dir)
      throws Exception {
    try (RedisSentinels sentinels = RedisSentinels.start()) {
      Path yaml = sentinels.writeRedissonYaml(dir.resolve("redisson-sentinel.yaml"));
      Map<String, String> history = Map.of("plezi.channels.historySize", "5");
      try (ClusterNode.Running a =
              ClusterNode.launch(yaml.toString(), CHANNEL, dir.resolve("a.log"), history);
          ClusterNode.Running b =
              ClusterNode.launch(yaml.toString(), CHANNEL, dir.resolve("b.log"), history)) {
        try {
          run(sentinels, a, b);
        } finally {
          for (WsClient client : clients) {
            client.close();
          }
        }
      }
    }
  }

  private void run(RedisSentinels sentinels, ClusterNode.Running a, ClusterNode.Running b)
      throws Exception {
    WsClient sender = open(a.port(), "/chat");
    WsClient receiver = open(b.port(), "/chat");
    WsClient other = open(b.port(), "/other");
    WsClient mailer = open(a.port(), "/outage");
    WsClient ada = open(b.port(), "/outage");
    uuid(sender);
    String receiverUuid = uuid(receiver);
    uuid(other);
    uuid(mailer);
    uuid(ada);
    ada.send("login:ada");
    ada.expectText("logged in as ada");
    sender.send("unicast:" + receiverUuid + ":ready");
    receiver.expectText("say ready");

    try (HistoryAcrossServers history = new HistoryAcrossServers()) {
      history.offsetsAreSharedAndRecoveryWorksOnTheOtherServer(
          a.port(), b.port(), servers -> awaitChannelServers(sentinels, "h", servers));
    }
    WsClient watcher = open(b.port(), "/rooms");
    uuid(watcher);
    watcher.send("sub:hall");
    watcher.expectText("subscribed hall");
    awaitChannelServers(sentinels, "hall", 1);
    WsClient tracked = open(a.port(), "/rooms");
    uuid(tracked);
    tracked.send("login:}ada");
    tracked.expectText("logged in as }ada");
    tracked.send("track:hall:ADA");
    tracked.expectText("tracked hall");
    watcher.expectText("join hall }ada {name=ADA}");
    assertThat(who(watcher, "hall")).isEqualTo("who {}ada={name=ADA}}");
    assertThat(
            sentinels
                .node(sentinels.masterPort())
                .cli("HEXISTS", PRESENCE + ":alive", a.serverUuid()))
        .isEqualTo("1");

    int oldMaster = sentinels.masterPort();
    AtomicBoolean sending = new AtomicBoolean(true);
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger sentAtKill = new AtomicInteger(-1);
    Thread traffic =
        new Thread(
            () -> {
              try {
                while (sending.get()) {
                  sender.send("multicast:n " + sent.getAndIncrement());
                  Thread.sleep(20);
                }
              } catch (Exception e) {
                sending.set(false);
              }
            },
            "sentinel-it-traffic");
    traffic.start();
    Set<Integer> received = new TreeSet<>();
    int duplicates = 0;
    long killedAt = 0;
    long recoveredAt = 0;
    int afterRecovery = 0;
    try {
      while (afterRecovery < 100) {
        WsClient.Received next = receiver.poll(Duration.ofSeconds(60));
        assertThat(next).as("a multicast within 60 s").isInstanceOf(WsClient.Text.class);
        int n = Integer.parseInt(((WsClient.Text) next).text().substring("say n ".length()));
        if (!received.add(n)) {
          duplicates++;
        }
        if (killedAt == 0 && n >= 50) {
          sentAtKill.set(sent.get());
          killedAt = System.nanoTime();
          sentinels.node(oldMaster).kill();
        } else if (killedAt != 0 && n > sentAtKill.get()) {
          if (recoveredAt == 0) {
            recoveredAt = System.nanoTime();
          }
          afterRecovery++;
        }
      }
    } finally {
      sending.set(false);
      traffic.join(10_000);
    }
    // what is still on its way
    WsClient.Received late;
    while ((late = receiver.poll(Duration.ofSeconds(2))) != null) {
      int n = Integer.parseInt(((WsClient.Text) late).text().substring("say n ".length()));
      if (!received.add(n)) {
        duplicates++;
      }
    }
    // ClusterOther has a "say" event too: it heard the multicasts
    int heardByOther = 0;
    while (other.poll(Duration.ofSeconds(1)) != null) {
      heardByOther++;
    }
    int total = sent.get();
    int lost = total - received.size();
    System.out.printf(
        "SENTINEL-FAILOVER: sent %d multicasts, lost %d, duplicated %d (the other class heard %d);"
            + " first multicast sent after the kill arrived %d ms after it; new master %d (was"
            + " %d)%n",
        total,
        lost,
        duplicates,
        heardByOther,
        (recoveredAt - killedAt) / 1_000_000,
        sentinels.masterPort(),
        oldMaster);
    assertThat(sentinels.masterPort()).isNotEqualTo(oldMaster).isPositive();
    assertThat(received).as("nothing sent before the kill window is lost").contains(0, 1, 49);
    assertThat(duplicates).isZero();

    // After the failover, with no restart: class broadcast, broadcast to another class, unicast.
    sender.send("broadcast:after the failover");
    receiver.expectText("say after the failover");
    sender.send("broadcastOther:others after the failover");
    other.expectText("other others after the failover");
    sender.send("unicast:" + receiverUuid + ":just you");
    receiver.expectText("say just you");
    receiver.expectNothingMore();

    // The identity registered on the old master: the healer writes it again if the failover lost
    // it, so a notify from the other server reaches it.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              mailer.send("notify:ada:after the failover");
              return mailer.nextText().equals("notified true");
            });
    String mail = ada.nextText();
    assertThat(mail).isEqualTo("mail after the failover");

    // Presence: the member is listed again (replicated, or written again by the healer). The
    // watcher (a ChannelChat, whose "say" heard the multicasts) is not asked: a new connection is.
    WsClient asker = open(b.port(), "/rooms");
    uuid(asker);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> who(asker, "hall").equals("who {}ada={name=ADA}}"));
    // History: both servers number a publication alike again
    try (HistoryAcrossServers history = new HistoryAcrossServers()) {
      WsClient onA = history.joined(a.port(), null);
      WsClient onB = history.joined(b.port(), null);
      WsClient publisher = history.publisher(b.port());
      awaitChannelServers(sentinels, "h", 2);
      HistoryAcrossServers.tell(publisher, "after the failover");
      String frame = onA.nextText();
      assertThat(onB.nextText()).isEqualTo(frame);
      String[] at = HistoryAcrossServers.position(frame);
      assertThat(frame)
          .isEqualTo(HistoryAcrossServers.said(at[0], Long.parseLong(at[1]), "after the failover"));
    }
    tracked.send("untrack:hall");
    assertThat(pastMulticasts(tracked)).isEqualTo("untracked hall");
    assertThat(pastMulticasts(watcher)).isEqualTo("leave hall }ada");
    assertThat(who(asker, "hall")).isEqualTo("who {}");
  }

  /** The next frame that is not one of the multicasts a ChannelChat's "say" heard. */
  private static String pastMulticasts(WsClient client) throws Exception {
    String text;
    do {
      text = client.nextText();
    } while (text.startsWith("say n "));
    return text;
  }

  /** The channel's presence hash; {@code :alive} and {@code #<member>} follow. */
  private static final String PRESENCE = CHANNEL + ":pr:{hall}";

  private static String who(WsClient client, String channel) throws Exception {
    client.send("who:" + channel);
    return client.nextText();
  }

  /** Waits until {@code servers} servers subscribe to an application channel on the master. */
  private static void awaitChannelServers(RedisSentinels sentinels, String channel, long servers) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              int master = sentinels.masterPort();
              if (master <= 0) {
                return false;
              }
              String[] numsub =
                  sentinels
                      .node(master)
                      .cli("PUBSUB", "NUMSUB", CHANNEL + ":ch:" + channel)
                      .split("\n");
              return Long.parseLong(numsub[numsub.length - 1].trim()) == servers;
            });
  }
}
