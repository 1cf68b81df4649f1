package org.plezi.jakarta.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.internal.bus.Change;
import org.plezi.jakarta.internal.bus.ClusterState;
import org.plezi.jakarta.internal.bus.Healer;
import org.plezi.jakarta.internal.bus.Outage;
import org.plezi.jakarta.testing.RecordingLogger;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.StatusListener;
import org.redisson.client.codec.StringCodec;

/** The healer on a real redis-server that is SIGKILLed and restarted. */
@Timeout(120)
class HealerRedisIT {
  private final RecordingLogger log = new RecordingLogger();
  private final List<Change> restores = new CopyOnWriteArrayList<>();

  private final ClusterState state =
      new ClusterState() {
        @Override
        public String name() {
          return "identities";
        }

        @Override
        public CompletionStage<Integer> restore(Change change) {
          restores.add(change);
          return CompletableFuture.completedFuture(1);
        }

        @Override
        public CompletionStage<Integer> release() {
          return CompletableFuture.completedFuture(0);
        }
      };

  @Test
  void aRedisKilledAndRestartedEmptyThenWithItsDataGetsOnePassEachAndOneOutageLineEach()
      throws Exception {
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    try (PersistentRedis redis = PersistentRedis.start()) {
      RedissonClient client = redis.client();
      Outage outage = new Outage(log);
      Healer healer =
          new Healer(new LinkCheck(client, "heal_it", "me", Duration.ofSeconds(1)), outage, log);
      healer.add(state);
      assertThat(thread.submit(healer::check).get()).isEqualTo(Change.FIRST);
      healer.start(thread, 200);
      // Redisson's resubscription is the fast trigger; the period is the safety net.
      client.getTopic("me", StringCodec.INSTANCE).addListener(String.class, (c, m) -> {});
      client
          .getTopic("me", StringCodec.INSTANCE)
          .addListener(
              new StatusListener() {
                @Override
                public void onSubscribe(String channel) {
                  healer.trigger();
                }

                @Override
                public void onUnsubscribe(String channel) {}
              });

      redis.kill();
      await().atMost(Duration.ofSeconds(10)).until(outage::isDown);
      redis.startEmpty();
      await().atMost(Duration.ofSeconds(30)).until(() -> healer.passes() == 1);
      assertThat(restores).containsExactly(Change.DATA_LOST);

      redis.kill();
      await().atMost(Duration.ofSeconds(10)).until(outage::isDown);
      redis.startWithData();
      await().atMost(Duration.ofSeconds(30)).until(() -> healer.passes() == 2);
      assertThat(restores).containsExactly(Change.DATA_LOST, Change.RESTARTED);

      assertThat(log.count(Level.WARNING)).isEqualTo(2);
      assertThat(log.lines())
          .extracting(RecordingLogger.Line::text)
          .anySatisfy(text -> assertThat(text).contains("Redis lost its data"))
          .anySatisfy(text -> assertThat(text).contains("Redis restarted with its data"))
          .filteredOn(text -> text.contains("Redis is back"))
          .hasSize(2);
      assertThat(healer.release(1_000)).isTrue();
      Quiesce.pools(System.nanoTime() + 5_000_000_000L, thread);
      assertThat(Quiesce.redisson(client, System.nanoTime() + 5_000_000_000L)).isTrue();
    } finally {
      thread.shutdownNow();
    }
  }
}
