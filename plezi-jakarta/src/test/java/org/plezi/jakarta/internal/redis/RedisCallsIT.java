package org.plezi.jakarta.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.internal.InternalThreadLocalMap;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.internal.bus.Outage;
import org.plezi.jakarta.testing.RecordingLogger;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

/** The failure contract and the ThreadLocal clean-up, against a real redis-server. */
@Timeout(120)
class RedisCallsIT {
  private final RecordingLogger log = new RecordingLogger();
  private final Outage outage = new Outage(log);
  private final AtomicInteger checksAskedFor = new AtomicInteger();
  private final RedisCalls calls =
      new RedisCalls(outage, checksAskedFor::incrementAndGet, thread -> false, log);
  private PersistentRedis redis;
  private RedissonClient client;

  @BeforeEach
  void start() throws Exception {
    redis = PersistentRedis.start();
    client = redis.client();
  }

  @AfterEach
  void stop() throws Exception {
    client.shutdown();
    redis.close();
  }

  private Long eval(String script) {
    return client
        .getScript(StringCodec.INSTANCE)
        .eval(RScript.Mode.READ_WRITE, script, RScript.ReturnType.INTEGER, List.of("k"));
  }

  /** Runs on a new plain thread (as a container's would be) and reports what it left behind. */
  private static Object onPlainThread(Runnable work) throws InterruptedException {
    AtomicReference<Object> left = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              work.run();
              left.set(InternalThreadLocalMap.getIfSet());
            });
    thread.start();
    thread.join();
    return left.get();
  }

  @Test
  void redisCallsOnAContainerThreadLeaveNoNettyThreadLocalBehind() throws Exception {
    assertThat(onPlainThread(() -> eval("return 1"))).as("without the funnel").isNotNull();
    assertThat(onPlainThread(() -> calls.call(() -> eval("return 1")))).isNull();
    assertThat(
            onPlainThread(
                () ->
                    calls
                        .callAsync(
                            () -> client.getTopic("t", StringCodec.INSTANCE).publishAsync("hello"))
                        .join()))
        .isNull();
  }

  @Test
  void aThreadThatAlreadyHadNettysMapKeepsIt() throws Exception {
    AtomicBoolean same = new AtomicBoolean();
    onPlainThread(
        () -> {
          InternalThreadLocalMap before = InternalThreadLocalMap.get();
          calls.call(() -> eval("return 1"));
          same.set(InternalThreadLocalMap.getIfSet() == before);
        });
    assertThat(same).isTrue();
  }

  @Test
  void aCommandRedisRefusesIsAnIllegalStateExceptionWithoutAnOutage() {
    assertThatThrownBy(() -> calls.call(() -> eval("return redis.call('NO_SUCH_COMMAND')")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Plezi: Redis refused the operation: RedisException")
        .hasCauseInstanceOf(RedisException.class);
    assertThat(outage.isDown()).isFalse();
    assertThat(checksAskedFor).hasValue(0);
    assertThat(log.lines())
        .singleElement()
        .satisfies(line -> assertThat(line.level()).isEqualTo(Level.WARNING));
  }

  @Test
  void redisGoneStartsOneOutageAfterWhichCallsFailAtOnceWithoutTryingRedis() throws Exception {
    redis.kill();
    assertThatThrownBy(() -> calls.call(() -> eval("return 1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Plezi: Redis cannot be reached")
        .hasCauseInstanceOf(RedisException.class);
    assertThat(outage.isDown()).isTrue();
    assertThat(checksAskedFor).hasValue(1);

    AtomicBoolean tried = new AtomicBoolean();
    for (int i = 0; i < 100; i++) {
      assertThatThrownBy(
              () ->
                  calls.call(
                      () -> {
                        tried.set(true);
                        return eval("return 1");
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(" since ");
    }
    CompletableFuture<Long> async =
        calls.callAsync(
            () -> {
              tried.set(true);
              return client.getTopic("t", StringCodec.INSTANCE).publishAsync("x");
            });
    assertThatThrownBy(async::get)
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(tried).isFalse();
    assertThat(log.lines())
        .singleElement()
        .satisfies(line -> assertThat(line.level()).isEqualTo(Level.WARNING));

    redis.startWithData();
    outage.recovered(); // what the next good link check does
    assertThat(log.lines().get(1).text()).contains("102 operations failed");
  }

  @Test
  void anAsyncCallThatFailsInRedisCompletesWithAnIllegalStateException() throws Exception {
    redis.kill();
    CompletableFuture<Long> async =
        calls.callAsync(() -> client.getTopic("t", StringCodec.INSTANCE).publishAsync("x"));
    assertThatThrownBy(async::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasCauseInstanceOf(RedisException.class);
    assertThat(outage.isDown()).isTrue();
  }

  @Test
  void afterCloseEveryCallIsRefusedQuietly() {
    calls.close();
    assertThatThrownBy(() -> calls.call(() -> eval("return 1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopping");
    assertThat(calls.callAsync(() -> CompletableFuture.completedFuture(1)))
        .isCompletedExceptionally();
    assertThat(log.lines()).isEmpty();
    assertThat(outage.isDown()).isFalse();
  }
}
