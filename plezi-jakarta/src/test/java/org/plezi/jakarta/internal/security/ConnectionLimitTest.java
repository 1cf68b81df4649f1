package org.plezi.jakarta.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ConnectionLimitTest {
  @Test
  void reservesUpToTheLimitThenRefusesUntilAPlaceIsReleased() {
    ConnectionLimit limit = new ConnectionLimit(2);
    assertThat(limit.tryReserve()).isTrue();
    assertThat(limit.tryReserve()).isTrue();
    assertThat(limit.tryReserve()).isFalse();
    assertThat(limit.reserved()).isEqualTo(2);
    limit.release();
    assertThat(limit.tryReserve()).isTrue();
    assertThat(limit.tryReserve()).isFalse();
  }

  @Test
  void unlimitedStillCounts() {
    ConnectionLimit limit = new ConnectionLimit(ConnectionLimit.UNLIMITED);
    for (int i = 0; i < 10_000; i++) {
      assertThat(limit.tryReserve()).isTrue();
    }
    assertThat(limit.reserved()).isEqualTo(10_000);
    assertThat(limit).hasToString("ConnectionLimit[10000 of unlimited]");
  }

  @Test
  void releasingMoreThanWasReservedIsABugAndKeepsTheCountAtZero() {
    ConnectionLimit limit = new ConnectionLimit(1);
    assertThatThrownBy(limit::release).isInstanceOf(IllegalStateException.class);
    assertThat(limit.reserved()).isZero();
    assertThat(limit.tryReserve()).isTrue();
    assertThat(limit.tryReserve()).isFalse();
    assertThatThrownBy(() -> new ConnectionLimit(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void threadsReservingAtOnceNeverOvershoot() throws Exception {
    int max = 3; // fewer places than threads: they contend
    ConnectionLimit limit = new ConnectionLimit(max);
    AtomicInteger held = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    AtomicInteger granted = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 20_000; i++) {
                  if (limit.tryReserve()) {
                    granted.incrementAndGet();
                    highest.accumulateAndGet(held.incrementAndGet(), Math::max);
                    held.decrementAndGet();
                    limit.release();
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(50));
    }
    assertThat(highest.get()).isLessThanOrEqualTo(max);
    assertThat(granted.get()).isPositive();
    assertThat(limit.reserved()).isZero();
  }
}
