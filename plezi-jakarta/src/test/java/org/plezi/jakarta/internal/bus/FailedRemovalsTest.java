package org.plezi.jakarta.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.testing.RecordingLogger;

class FailedRemovalsTest {
  private final RecordingLogger log = new RecordingLogger();
  private final FailedRemovals<String> removals = new FailedRemovals<>(3, log);

  @Test
  void entriesComeBackOldestFirstOnceEach() {
    removals.add("a");
    removals.add("b");
    removals.add("a");
    assertThat(removals.drain()).containsExactly("a", "b");
    assertThat(removals.size()).isZero();
  }

  @Test
  void beyondTheBoundTheOldestAreGivenUpWithOneWarningUntilTheNextDrain() {
    for (String entry : new String[] {"a", "b", "c", "d", "e"}) {
      removals.add(entry);
    }
    assertThat(removals.drain()).containsExactly("c", "d", "e");
    assertThat(log.count(Level.WARNING)).isEqualTo(1);
    for (String entry : new String[] {"f", "g", "h", "i"}) {
      removals.add(entry);
    }
    assertThat(log.count(Level.WARNING)).isEqualTo(2);
  }
}
