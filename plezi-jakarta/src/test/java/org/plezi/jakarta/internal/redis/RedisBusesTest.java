package org.plezi.jakarta.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.testing.LogCapture;

/** The bus over an application's client, when that client is not what Plezi can use. */
class RedisBusesTest {
  private static final Bus.Receiver NOBODY =
      new Bus.Receiver() {
        @Override
        public boolean receive(Message message) {
          return true;
        }

        @Override
        public void receiveForeign(Object payload) {}

        @Override
        public void unicastFailed(Message unicast) {}

        @Override
        public void unicastDelivered(String ackId) {}
      };

  @Test
  void suppliedObjectThatIsNotARedissonClientIsReportedAndNeverJoins() {
    LogCapture log = LogCapture.start();
    AtomicInteger asked = new AtomicInteger();
    RedisBus bus =
        RedisBuses.fromClient(
            UUID.randomUUID().toString(),
            "plezi_test",
            () -> {
              asked.incrementAndGet();
              return "not a client";
            });
    try {
      bus.start(NOBODY);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  log.texts().stream()
                      .anyMatch(
                          w ->
                              w.contains(
                                  "the application's Redis client is not an org.redisson.api.RedissonClient "
                                      + "that Plezi's class loader sees: java.lang.String")));
      assertThat(bus.isConnected()).isFalse();
      assertThat(asked).hasValue(1);
    } finally {
      bus.close();
      log.close();
    }
  }
}
