package org.plezi.jakarta.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.Message;

/** The bus over an application's client, when that client is not what Plezi can use. */
class RedisBusesTest {
  private static final Bus.Receiver NOBODY = new Bus.Receiver() {
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
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        warnings.add(String.valueOf(record.getMessage()));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger library = Logger.getLogger("org.plezi.jakarta");
    library.addHandler(capture);
    AtomicInteger asked = new AtomicInteger();
    RedisBus bus = RedisBuses.fromClient(UUID.randomUUID().toString(), "plezi_test", () -> {
      asked.incrementAndGet();
      return "not a client";
    });
    try {
      bus.start(NOBODY);

      await().atMost(Duration.ofSeconds(10)).until(() -> warnings.stream().anyMatch(w -> w
          .contains("the application's Redis client is not an org.redisson.api.RedissonClient "
              + "that Plezi's class loader sees: java.lang.String")));
      assertThat(bus.isConnected()).isFalse();
      assertThat(asked).hasValue(1);
    } finally {
      bus.close();
      library.removeHandler(capture);
    }
  }
}
