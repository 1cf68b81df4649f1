package org.plezi.bench.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PresenceReadTest {
  @Test
  void medianPercentileAndMinimumOfUnsortedTimes() {
    PresenceRead.Times t = PresenceRead.times(10, new long[] {50, 10, 40, 20, 30});
    assertEquals(10, t.members());
    assertEquals(30, t.medianNanos());
    assertEquals(50, t.p99Nanos());
    assertEquals(10, t.minNanos());
  }

  @Test
  void theNinetyNinthPercentileOfAHundredReadsIsTheNinetyNinthTime() {
    long[] nanos = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();
    PresenceRead.Times t = PresenceRead.times(1, nanos);
    assertEquals(99, t.p99Nanos());
    assertEquals(50, t.medianNanos());
  }

  @Test
  void oneRead() {
    PresenceRead.Times t = PresenceRead.times(1, new long[] {7});
    assertEquals(7, t.medianNanos());
    assertEquals(7, t.p99Nanos());
  }

  @Test
  void noReadIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> PresenceRead.times(1, new long[0]));
  }
}
