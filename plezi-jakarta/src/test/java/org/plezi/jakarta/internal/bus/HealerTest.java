package org.plezi.jakarta.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.testing.RecordingLogger;

class HealerTest {
  private final RecordingLogger log = new RecordingLogger();
  private final AtomicLong nanos = new AtomicLong();
  private final Outage outage = new Outage(log);

  /** What the probe answers next: a RedisLife, or a RuntimeException to throw. */
  private final Deque<Object> answers = new ArrayDeque<>();

  private final Healer healer =
      new Healer(
          () -> {
            Object next = answers.remove();
            if (next instanceof RuntimeException e) {
              throw e;
            }
            return (RedisLife) next;
          },
          outage,
          log,
          nanos::get);

  /** A state that records the changes it was asked to restore and answers from a script. */
  private static final class FakeState implements ClusterState {
    final String name;
    final List<Change> restores = new ArrayList<>();
    final Deque<Supplier<CompletionStage<Integer>>> restoreAnswers = new ArrayDeque<>();
    Supplier<CompletionStage<Integer>> releaseAnswer = () -> CompletableFuture.completedFuture(0);

    FakeState(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public CompletionStage<Integer> restore(Change change) {
      restores.add(change);
      Supplier<CompletionStage<Integer>> answer = restoreAnswers.poll();
      return answer == null ? CompletableFuture.completedFuture(3) : answer.get();
    }

    @Override
    public CompletionStage<Integer> release() {
      return releaseAnswer.get();
    }
  }

  private final FakeState identities = new FakeState("identities");
  private final FakeState presence = new FakeState("presence");

  {
    healer.add(identities);
    healer.add(presence);
  }

  private static RedisLife life(String epoch, String runId) {
    return new RedisLife(epoch, runId, 1);
  }

  private Change checkSeeing(Object answer) {
    answers.add(answer);
    return healer.check();
  }

  @Test
  void theFirstCheckAndLaterChecksOfTheSameRedisRestoreNothing() {
    assertThat(checkSeeing(life("e1", "r1"))).isEqualTo(Change.FIRST);
    assertThat(checkSeeing(life("e1", "r1"))).isEqualTo(Change.SAME);
    assertThat(identities.restores).isEmpty();
    assertThat(log.lines()).isEmpty();
  }

  @Test
  void aRedisThatLostItsDataMakesEveryStateWriteEverythingOnceWithOneLogLine() {
    checkSeeing(life("e1", "r1"));
    assertThat(checkSeeing(life("e2", "r2"))).isEqualTo(Change.DATA_LOST);
    assertThat(checkSeeing(life("e2", "r2"))).isEqualTo(Change.SAME);

    assertThat(identities.restores).containsExactly(Change.DATA_LOST);
    assertThat(presence.restores).containsExactly(Change.DATA_LOST);
    assertThat(healer.passes()).isEqualTo(1);
    assertThat(healer.written()).isEqualTo(6);
    assertThat(log.lines())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.level()).isEqualTo(Level.INFO);
              assertThat(line.text())
                  .contains("Redis lost its data (epoch e1 is now e2)")
                  .contains("3 identities, 3 presence");
            });
  }

  @Test
  void aRestartWithItsDataAsksForAnIdempotentPass() {
    checkSeeing(life("e1", "r1"));
    assertThat(checkSeeing(life("e1", "r2"))).isEqualTo(Change.RESTARTED);
    assertThat(identities.restores).containsExactly(Change.RESTARTED);
    assertThat(log.lines().get(0).text()).contains("Redis restarted with its data");
  }

  @Test
  void anOutageOfTheSameRedisEndsWithARetryPassAndTheOutageLines() {
    checkSeeing(life("e1", "r1"));
    assertThat(checkSeeing(new IllegalStateException("connection refused"))).isNull();
    assertThat(checkSeeing(new IllegalStateException("connection refused"))).isNull();
    assertThat(outage.isDown()).isTrue();
    assertThat(checkSeeing(life("e1", "r1"))).isEqualTo(Change.SAME);

    assertThat(outage.isDown()).isFalse();
    assertThat(identities.restores).containsExactly(Change.SAME);
    assertThat(log.count(Level.WARNING)).isEqualTo(1);
    assertThat(log.lines().get(1).text()).contains("Redis is back").contains("2 operations");
  }

  @Test
  void aFailedPassIsOwedUntilOneSucceedsAndKeepsItsDemand() {
    checkSeeing(life("e1", "r1"));
    identities.restoreAnswers.add(
        () -> CompletableFuture.failedFuture(new IllegalStateException("Redis timeout")));
    checkSeeing(life("e2", "r2"));
    assertThat(healer.passes()).isZero();
    assertThat(log.lines())
        .singleElement()
        .satisfies(line -> assertThat(line.text()).contains("identities (IllegalStateException"));

    checkSeeing(life("e2", "r2")); // the same Redis now, but the DATA_LOST pass is still owed
    checkSeeing(life("e2", "r2"));
    assertThat(identities.restores).containsExactly(Change.DATA_LOST, Change.DATA_LOST);
    assertThat(presence.restores).containsExactly(Change.DATA_LOST, Change.DATA_LOST);
    assertThat(healer.passes()).isEqualTo(1);
  }

  @Test
  void aStateThatThrowsInsteadOfFailingItsStageIsRetriedToo() {
    checkSeeing(life("e1", "r1"));
    identities.restoreAnswers.add(
        () -> {
          throw new IllegalStateException("not yet");
        });
    checkSeeing(life("e2", "r1"));
    checkSeeing(life("e2", "r1"));
    assertThat(identities.restores).containsExactly(Change.DATA_LOST, Change.DATA_LOST);
  }

  @Test
  void releaseWaitsForEveryStateAndLogsOnlyWhatIsLeft() {
    presence.releaseAnswer = () -> CompletableFuture.completedFuture(2);
    assertThat(healer.release(1_000)).isFalse();
    assertThat(log.lines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line.text())
                    .contains("shutdown left this server's entries in Redis: 2 presence"));
  }

  @Test
  void releaseGivesUpAtItsDeadlineAndNamesTheStateThatDidNotFinish() {
    identities.releaseAnswer = CompletableFuture::new; // never completes
    assertThat(healer.release(50)).isFalse();
    assertThat(log.lines().get(0).text()).contains("identities (not done in 50 ms)");
  }

  @Test
  void aCleanReleaseLogsNothingAndStopsTheChecks() {
    assertThat(healer.release(1_000)).isTrue();
    assertThat(healer.check()).isNull(); // no probe answer queued: it was not asked
    assertThat(log.lines()).isEmpty();
  }

  @Test
  void triggersBeforeTheCheckRunsMakeOneCheck() throws Exception {
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    try {
      checkSeeing(life("e1", "r1"));
      CompletableFuture<Void> blocked = new CompletableFuture<>();
      CompletableFuture<Void> running = new CompletableFuture<>();
      thread.execute(
          () -> {
            running.complete(null);
            blocked.join();
          });
      running.join();
      healer.start(thread, 60_000);
      answers.add(life("e2", "r1"));
      healer.trigger();
      healer.trigger();
      healer.trigger();
      blocked.complete(null);
      thread.submit(() -> {}).get(); // the queued check ran before this
      assertThat(answers).isEmpty();
      assertThat(identities.restores).containsExactly(Change.DATA_LOST);
    } finally {
      thread.shutdownNow();
    }
  }
}
