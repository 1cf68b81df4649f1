package org.plezi.jakarta.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.internal.bus.Change;
import org.plezi.jakarta.internal.bus.RedisLife;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The link check against a real redis-server that is SIGKILLed and restarted. The restart test
 * kills a redis-server and a client of its own: a kill closes every connection of the clients of
 * that server, and Redisson reopens them one by one in the background, so a test after it on a
 * shared client could be handed one still closed (StacklessClosedChannelException).
 */
@Timeout(120)
class LinkCheckIT {
  private static PersistentRedis redis;
  private static RedissonClient client;

  @BeforeAll
  static void start() throws Exception {
    redis = PersistentRedis.start();
    client = redis.client();
  }

  @AfterAll
  static void stop() throws Exception {
    client.shutdown();
    redis.close();
  }

  private static LinkCheck check(String channel) {
    return check(client, channel);
  }

  private static LinkCheck check(RedissonClient client, String channel) {
    return new LinkCheck(client, channel, "server-" + channel, java.time.Duration.ofSeconds(1));
  }

  @Test
  void serversThatFindNoMarkerAtOnceAgreeOnOneThatNeverExpires() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<RedisLife>> reads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        reads.add(CompletableFuture.supplyAsync(() -> check("agree").read(), pool));
      }
      Set<String> epochs =
          reads.stream().map(read -> read.join().epoch()).collect(Collectors.toSet());
      assertThat(epochs).hasSize(1);
      assertThat(redis.call("PTTL", "agree:epoch")).isEqualTo("-1");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRedisRestartedEmptyHasANewEpochAndOneRestartedWithItsDataKeepsItsEpoch() throws Exception {
    try (PersistentRedis killed = PersistentRedis.start()) {
      RedissonClient own = killed.client();
      try {
        LinkCheck link = check(own, "restarts");
        RedisLife first = link.read();
        assertThat(first.runId()).hasSize(40);

        killed.kill();
        killed.startWithData();
        RedisLife withData = readOnceBack(link);
        assertThat(withData.since(first)).isEqualTo(Change.RESTARTED);

        killed.kill();
        killed.startEmpty();
        RedisLife empty = readOnceBack(link);
        assertThat(empty.since(withData)).isEqualTo(Change.DATA_LOST);
        assertThat(readOnceBack(link).since(empty)).isEqualTo(Change.SAME);
      } finally {
        own.shutdown();
      }
    }
  }

  @Test
  void itCountsTheSubscribersOfThePrivateChannel() {
    LinkCheck link = check("subscribed");
    assertThat(link.read().subscribers()).isZero();
    int listener =
        client
            .getTopic("server-subscribed", StringCodec.INSTANCE)
            .addListener(String.class, (channel, message) -> {});
    try {
      assertThat(link.read().subscribers()).isEqualTo(1);
    } finally {
      client.getTopic("server-subscribed").removeListener(listener);
    }
  }

  @Test
  void someoneElsesKeyInPlaceOfTheMarkerIsReplacedByAFreshEpoch() throws Exception {
    LinkCheck link = check("foreign");
    RedisLife before = link.read();
    redis.call("DEL", "foreign:epoch");
    redis.call("HSET", "foreign:epoch", "a", "b");
    RedisLife after = link.read();
    assertThat(after.since(before)).isEqualTo(Change.DATA_LOST);
    redis.call("SET", "foreign:epoch", "");
    assertThat(link.read().epoch()).isNotEmpty();
  }

  /** The first read that succeeds once the client has reconnected (Redisson does it itself). */
  private static RedisLife readOnceBack(LinkCheck link) {
    return org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(link::read, life -> true);
  }
}
