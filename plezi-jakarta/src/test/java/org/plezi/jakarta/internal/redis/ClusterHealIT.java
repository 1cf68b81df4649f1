package org.plezi.jakarta.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.cluster.ClusterNode;
import org.plezi.jakarta.testing.WsClient;

/**
 * Re-registration, with each server in a JVM of its own and a redis-server the test owns: Redis
 * SIGKILLed while users stay connected, restarted empty (every identity registered again, a notify
 * to each succeeds) or with its append-only data (nothing doubled; a registration the file lacks
 * comes back).
 */
@Timeout(300)
class ClusterHealIT {
  private static final String CHANNEL = "plezi_heal_it";
  private static final int USERS_PER_NODE = 10;

  private static WsClient open(int port) throws Exception {
    WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/chat"));
    assertThat(client.nextText()).startsWith("uuid ");
    return client;
  }

  private static WsClient login(int port, String identity) throws Exception {
    WsClient client = open(port);
    client.send("login:" + identity);
    client.expectText("logged in as " + identity);
    return client;
  }

  private static String key(String identity, String part) {
    return CHANNEL + ":identity:{" + identity + "}:" + part;
  }

  /** The connections registered for an identity, as Redis holds them ("uuid score" per line). */
  private static String conns(PersistentRedis redis, String identity) throws Exception {
    return redis.call("ZRANGE", key(identity, "conns"), "0", "-1", "WITHSCORES");
  }

  @Test
  void redisKilledAndRestartedEmptyThenEveryStillConnectedUserIsNotifiedAgain() throws Exception {
    try (PersistentRedis redis = PersistentRedis.start();
        ClusterNode.Running a = ClusterNode.launch(redis.url(), CHANNEL);
        ClusterNode.Running b = ClusterNode.launch(redis.url(), CHANNEL)) {
      Map<String, WsClient> users = new HashMap<>();
      List<WsClient> all = new ArrayList<>();
      try {
        for (int i = 0; i < USERS_PER_NODE; i++) {
          users.put("a" + i, login(a.port(), "a" + i));
          users.put("b" + i, login(b.port(), "b" + i));
        }
        all.addAll(users.values());
        WsClient fromA = open(a.port());
        WsClient fromB = open(b.port());
        all.add(fromA);
        all.add(fromB);

        redis.kill();
        redis.startEmpty();
        assertThat(redis.call("EXISTS", key("a0", "conns"))).isEqualTo("0");

        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  for (String identity : users.keySet()) {
                    if (!"1".equals(redis.call("ZCARD", key(identity, "conns")))) {
                      return false;
                    }
                  }
                  return true;
                });

        for (Map.Entry<String, WsClient> user : users.entrySet()) {
          // across servers: a's users from b, b's users from a
          WsClient sender = user.getKey().startsWith("a") ? fromB : fromA;
          sender.send("notify:" + user.getKey() + ":back for " + user.getKey());
          sender.expectText("notified true");
          user.getValue().expectText("mail back for " + user.getKey());
        }
      } finally {
        for (WsClient client : all) {
          client.close();
        }
      }
    }
  }

  @Test
  void redisKilledAndRestartedWithItsDataDoublesNothing() throws Exception {
    try (PersistentRedis redis = PersistentRedis.start();
        ClusterNode.Running a = ClusterNode.launch(redis.url(), CHANNEL);
        ClusterNode.Running b = ClusterNode.launch(redis.url(), CHANNEL)) {
      Map<String, WsClient> users = new HashMap<>();
      try {
        for (int i = 0; i < USERS_PER_NODE; i++) {
          users.put("a" + i, login(a.port(), "a" + i));
          users.put("b" + i, login(b.port(), "b" + i));
        }
        Map<String, String> before = new HashMap<>();
        for (String identity : users.keySet()) {
          before.put(identity, conns(redis, identity));
          assertThat(redis.call("HGET", key(identity, "meta"), "registrations")).isEqualTo("1");
        }
        // What an RDB snapshot or the last second of an AOF may lack: one registration per node,
        // removed before the crash (no pass runs while the link stays up: the check sees SAME).
        String lostA = redis.call("ZRANGE", key("a0", "conns"), "0", "0");
        String lostB = redis.call("ZRANGE", key("b0", "conns"), "0", "0");
        redis.call("ZREM", key("a0", "conns"), lostA);
        redis.call("ZREM", key("b0", "conns"), lostB);

        redis.kill();
        redis.startWithData();
        assertThat(redis.call("EXISTS", key("a0", "conns"))).isEqualTo("0");

        // Each node's RESTARTED pass writes its missing registration again...
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    redis.call("ZRANGE", key("a0", "conns"), "0", "0").equals(lostA)
                        && redis.call("ZRANGE", key("b0", "conns"), "0", "0").equals(lostB));
        // ... and leaves every other one as it was: same member, same order, no new count.
        for (String identity : users.keySet()) {
          if (identity.equals("a0") || identity.equals("b0")) {
            assertThat(redis.call("ZCARD", key(identity, "conns"))).isEqualTo("1");
          } else {
            assertThat(conns(redis, identity)).isEqualTo(before.get(identity));
            assertThat(redis.call("HGET", key(identity, "meta"), "registrations")).isEqualTo("1");
          }
        }
        WsClient sender = open(b.port());
        try {
          sender.send("notify:a3:still here");
          sender.expectText("notified true");
          users.get("a3").expectText("mail still here");
        } finally {
          sender.close();
        }
      } finally {
        for (WsClient client : users.values()) {
          client.close();
        }
      }
    }
  }
}
