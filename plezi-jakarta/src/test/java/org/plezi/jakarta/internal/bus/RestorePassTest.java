package org.plezi.jakarta.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RestorePassTest {
  private static List<Integer> entries(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void everyEntryIsWrittenAndOnlyThoseWrittenAreCounted() {
    CompletableFuture<Integer> pass =
        RestorePass.run(
            entries(10).iterator(),
            4,
            e -> CompletableFuture.completedFuture(e % 2 == 0),
            e -> true,
            e -> CompletableFuture.completedFuture(null));
    assertThat(pass.join()).isEqualTo(5);
  }

  @Test
  void nothingToWriteCompletesAtOnce() {
    assertThat(
            RestorePass.run(
                List.<Integer>of().iterator(),
                4,
                e -> CompletableFuture.completedFuture(true),
                e -> true,
                e -> CompletableFuture.completedFuture(null)))
        .isCompletedWithValue(0);
  }

  @Test
  void noMoreThanTheWindowIsInFlightAtOnce() {
    List<CompletableFuture<Boolean>> started = new ArrayList<>();
    CompletableFuture<Integer> pass =
        RestorePass.run(
            entries(10).iterator(),
            3,
            e -> {
              CompletableFuture<Boolean> call = new CompletableFuture<>();
              started.add(call);
              return call;
            },
            e -> true,
            e -> CompletableFuture.completedFuture(null));
    assertThat(started).hasSize(3);
    started.get(0).complete(true);
    assertThat(started).hasSize(4);
    for (int i = 1; i < 10; i++) {
      started.get(i).complete(true);
      assertThat(started.size() - (i + 1)).isLessThanOrEqualTo(3);
    }
    assertThat(pass.join()).isEqualTo(10);
  }

  @Test
  void aHundredThousandCallsThatCompleteAtOnceDoNotNest() {
    CompletableFuture<Integer> pass =
        RestorePass.run(
            entries(100_000).iterator(),
            256,
            e -> CompletableFuture.completedFuture(true),
            e -> true,
            e -> CompletableFuture.completedFuture(null));
    assertThat(pass.join()).isEqualTo(100_000);
  }

  @Test
  void anEntryWhoseConnectionClosedDuringItsWriteIsRemovedAndNotCounted() {
    Set<Integer> removed = ConcurrentHashMap.newKeySet();
    CompletableFuture<Integer> pass =
        RestorePass.run(
            entries(4).iterator(),
            2,
            e -> CompletableFuture.completedFuture(true),
            e -> e != 2,
            e -> {
              removed.add(e);
              return CompletableFuture.completedFuture(null);
            });
    assertThat(pass.join()).isEqualTo(3);
    assertThat(removed).containsExactly(2);
  }

  @Test
  void aFailureStopsNewCallsAndEndsThePassOnceTheCallsInFlightEnd() {
    List<CompletableFuture<Boolean>> started = new ArrayList<>();
    CompletableFuture<Integer> pass =
        RestorePass.run(
            entries(10).iterator(),
            2,
            e -> {
              CompletableFuture<Boolean> call = new CompletableFuture<>();
              started.add(call);
              return call;
            },
            e -> true,
            e -> CompletableFuture.completedFuture(null));
    started.get(0).completeExceptionally(new IllegalStateException("Redis cannot be reached"));
    assertThat(pass).isNotDone();
    started.get(1).complete(true);
    assertThat(started).hasSize(2);
    assertThatThrownBy(pass::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void aWriteThatThrowsFailsThePass() {
    CompletableFuture<Integer> pass =
        RestorePass.run(
            entries(3).iterator(),
            2,
            e -> {
              throw new IllegalStateException("refused");
            },
            e -> true,
            e -> CompletableFuture.completedFuture(null));
    assertThat(pass).isCompletedExceptionally();
  }
}
