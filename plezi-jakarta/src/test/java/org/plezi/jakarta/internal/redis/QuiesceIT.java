package org.plezi.jakarta.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** No thread outlives a Quiesce. */
@Timeout(120)
class QuiesceIT {
  private static Set<Thread> alive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .collect(Collectors.toSet());
  }

  @Test
  void aRedissonClientAndNettysGlobalExecutorAreGoneWhenItReturns() throws Exception {
    try (PersistentRedis redis = PersistentRedis.start()) {
      Set<Thread> before = alive();
      RedissonClient client = redis.client();
      client.getTopic("q", StringCodec.INSTANCE).addListener(String.class, (c, m) -> {});
      client
          .getScript(StringCodec.INSTANCE)
          .eval(RScript.Mode.READ_WRITE, "return 1", RScript.ReturnType.INTEGER, List.of("k"));
      client.getTopic("q", StringCodec.INSTANCE).publish("x");

      assertThat(Quiesce.redisson(client, System.nanoTime() + TimeUnit.SECONDS.toNanos(10)))
          .isTrue();

      Set<Thread> left = alive();
      left.removeAll(before);
      assertThat(left).extracting(Thread::getName).isEmpty();
    }
  }

  @Test
  void poolsFinishTheirQueuedTasksThenTheirThreadsEnd() {
    ExecutorService a = Executors.newFixedThreadPool(2);
    ExecutorService b = Executors.newSingleThreadExecutor();
    CountDownLatch ran = new CountDownLatch(20);
    for (int i = 0; i < 10; i++) {
      a.execute(ran::countDown);
      b.execute(ran::countDown);
    }
    assertThat(Quiesce.pools(System.nanoTime() + TimeUnit.SECONDS.toNanos(10), a, b, null))
        .isTrue();
    assertThat(ran.getCount()).isZero();
    assertThat(a.isTerminated() && b.isTerminated()).isTrue();
  }

  @Test
  void aTaskThatOutlivesTheDeadlineIsInterrupted() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    pool.execute(
        () -> {
          started.countDown();
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    try {
      started.await();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(Quiesce.pools(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), pool)).isTrue();
    assertThat(pool.isTerminated()).isTrue();
  }
}
