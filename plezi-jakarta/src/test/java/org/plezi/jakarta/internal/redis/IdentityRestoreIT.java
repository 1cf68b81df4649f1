package org.plezi.jakarta.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.IdentityStore;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.internal.redis.IdentityRestore.Outcome;

/** Restored registrations, read back through the identity store's own scripts. */
@Timeout(120)
class IdentityRestoreIT {
  private static final String CHANNEL = "heal_identities";
  private static final long DAY = Duration.ofDays(1).toMillis();

  private static PersistentRedis redis;
  private static RedisBus bus;
  private static RedisIdentityStore store;
  private static IdentityRestore restore;

  @BeforeAll
  static void start() throws Exception {
    redis = PersistentRedis.start();
    bus = RedisBuses.fromUrl(UUID.randomUUID().toString(), CHANNEL, redis.url());
    bus.start(
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
        });
    await().atMost(Duration.ofSeconds(30)).until(bus::isConnected);
    store = new RedisIdentityStore(bus, CHANNEL, 100);
    restore = new IdentityRestore(bus.client(), CHANNEL);
  }

  @AfterAll
  static void stop() throws Exception {
    bus.close();
    redis.close();
  }

  private static String uuid(String name) {
    return "00000000-0000-0000-0000-00000000000" + name;
  }

  @Test
  void afterRedisLostItsDataTheIdentityIsBackAndItsNumbersContinueAboveTheCursor()
      throws Exception {
    store.register("ada", uuid("a1"), DAY, 2);
    for (int i = 0; i < 3; i++) {
      store.append("ada", "mail", List.of("before " + i));
    }
    redis.call("FLUSHALL");
    assertThat(store.append("ada", "mail", List.of("lost"))).isNull();

    assertThat(restore.restore("ada", uuid("a1"), DAY, 2, 3).join()).isEqualTo(Outcome.WRITTEN);

    IdentityStore.Appended next = store.append("ada", "mail", List.of("after"));
    assertThat(next.seq()).isEqualTo(4);
    assertThat(next.connections()).containsExactly(uuid("a1"));
    assertThat(Long.parseLong(redis.call("PTTL", CHANNEL + ":identity:{ada}:meta")))
        .isBetween(DAY - 60_000, DAY);
    assertThat(Long.parseLong(redis.call("PTTL", CHANNEL + ":identity:{ada}:conns"))).isPositive();
  }

  @Test
  void aRegistrationStillThereIsLeftAsItIs() throws Exception {
    store.register("bob", uuid("b1"), DAY, 3);
    store.register("bob", uuid("b2"), DAY, 3);
    String before =
        redis.call("ZRANGE", CHANNEL + ":identity:{bob}:conns", "0", "-1", "WITHSCORES");
    String registrations = redis.call("HGET", CHANNEL + ":identity:{bob}:meta", "registrations");

    assertThat(restore.restore("bob", uuid("b1"), DAY, 3, 0).join()).isEqualTo(Outcome.PRESENT);
    assertThat(restore.restore("bob", uuid("b1"), DAY, 3, 0).join()).isEqualTo(Outcome.PRESENT);

    assertThat(redis.call("ZRANGE", CHANNEL + ":identity:{bob}:conns", "0", "-1", "WITHSCORES"))
        .isEqualTo(before);
    assertThat(redis.call("HGET", CHANNEL + ":identity:{bob}:meta", "registrations"))
        .isEqualTo(registrations);
    assertThat(store.append("bob", "mail", List.of("x")).connections())
        .containsExactly(uuid("b1"), uuid("b2"));
  }

  @Test
  void aRestoreNeverPushesOutALiveRegistration() {
    store.register("cleo", uuid("c2"), DAY, 1); // registered elsewhere after the loss
    assertThat(restore.restore("cleo", uuid("c1"), DAY, 1, 0).join()).isEqualTo(Outcome.FULL);
    assertThat(store.append("cleo", "mail", List.of("x")).connections())
        .containsExactly(uuid("c2"));
  }

  @Test
  void numbersAheadOfTheCursorAreKept() {
    store.register("dan", uuid("d1"), DAY, 2);
    for (int i = 0; i < 5; i++) {
      store.append("dan", "mail", List.of("m" + i));
    }
    restore.restore("dan", uuid("d2"), DAY, 2, 2).join();
    assertThat(store.append("dan", "mail", List.of("next")).seq()).isEqualTo(6);
  }

  @Test
  void restoringAnIdentityWithItsMailboxIntactKeepsTheWaitingMessages() {
    store.register("eve", uuid("e1"), DAY, 2);
    store.append("eve", "mail", List.of("waiting"));
    restore.restore("eve", uuid("e1"), DAY, 2, 0).join();
    IdentityStore.Page page = store.read("eve", 0, 10);
    assertThat(page.entries())
        .extracting(IdentityStore.Entry::args)
        .containsExactly(List.of("waiting"));
  }
}
