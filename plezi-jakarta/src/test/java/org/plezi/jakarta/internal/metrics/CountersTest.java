package org.plezi.jakarta.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountersTest {
  enum Color implements EnumCounters.Tagged {
    RED,
    DARK_BLUE;

    @Override
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Test
  void aCounterAddsUpWhatManyThreadsCount() throws InterruptedException {
    Counter counter = Counter.on();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(
          started(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  counter.increment();
                }
              }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    counter.add(5);
    counter.decrement();
    assertThat(counter.sum()).isEqualTo(40_004);
  }

  @Test
  void aCounterThatIsOffStaysAtZero() {
    Counter counter = Counter.off();
    counter.increment();
    counter.add(10);
    counter.decrement();
    assertThat(counter.sum()).isZero();
  }

  @Test
  void enumCountersListEveryKeyInOrderWithZeros() {
    EnumCounters<Color> counters = new EnumCounters<>(Color.class, true);
    counters.increment(Color.DARK_BLUE);
    counters.add(Color.DARK_BLUE, 2);
    assertThat(counters.snapshot())
        .containsExactly(Map.entry("red", 0L), Map.entry("dark_blue", 3L));
    assertThat(counters.sum(Color.DARK_BLUE)).isEqualTo(3);
    assertThat(counters.total()).isEqualTo(3);
  }

  @Test
  void enumCountersThatAreOffListZeros() {
    EnumCounters<Color> counters = new EnumCounters<>(Color.class, false);
    counters.increment(Color.RED);
    assertThat(counters.snapshot())
        .containsExactly(Map.entry("red", 0L), Map.entry("dark_blue", 0L));
  }

  @Test
  void closeCodesAreListedByIncreasingCode() {
    CodeCounters codes = new CodeCounters(true);
    codes.increment(4001);
    codes.increment(1001);
    codes.increment(1001);
    assertThat(codes.snapshot()).containsExactly(Map.entry("1001", 2L), Map.entry("4001", 1L));
    assertThat(codes.sum(1001)).isEqualTo(2);
    assertThat(codes.sum(1000)).isZero();
  }

  @Test
  void codesBeyondTheBoundAreCountedAsOther() {
    CodeCounters codes = new CodeCounters(true);
    for (int code = 3000; code < 3000 + CodeCounters.MAX_CODES + 10; code++) {
      codes.increment(code);
    }
    codes.increment(3000); // a code already kept still counts as itself
    Map<String, Long> snapshot = codes.snapshot();
    assertThat(snapshot).hasSize(CodeCounters.MAX_CODES + 1);
    assertThat(snapshot.get("3000")).isEqualTo(2);
    assertThat(snapshot.get(CodeCounters.OTHER)).isEqualTo(10);
  }

  @Test
  void closeCodesThatAreOffListNothing() {
    CodeCounters codes = new CodeCounters(false);
    codes.increment(1000);
    assertThat(codes.snapshot()).isEmpty();
  }

  private static Thread started(Runnable task) {
    Thread thread = new Thread(task);
    thread.start();
    return thread;
  }
}
