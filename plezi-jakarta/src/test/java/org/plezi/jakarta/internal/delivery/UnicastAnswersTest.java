package org.plezi.jakarta.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.internal.base.Threads;

/** Unicast answers wait on the deployment's scheduler, which dies with the application. */
class UnicastAnswersTest {
  private final ScheduledThreadPoolExecutor timers =
      (ScheduledThreadPoolExecutor) Threads.scheduler("timers", "answers-test");
  private final UnicastAnswers answers = new UnicastAnswers();

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  @Test
  void anUnansweredUnicastTimesOutOnTheDeploymentsSchedulerThread() throws Exception {
    AtomicReference<String> thread = new AtomicReference<>();
    CompletableFuture<Boolean> answer =
        answers
            .await(50, timers)
            .answer()
            .whenComplete((delivered, failure) -> thread.set(Thread.currentThread().getName()))
            .toCompletableFuture();
    assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
    assertThat(thread.get()).startsWith("plezi-timers-");
  }

  @Test
  void anAnswerCancelsItsTimeoutSoNothingWaitsInTheScheduler() throws Exception {
    UnicastAnswers.Awaited awaited = answers.await(60_000, timers);
    assertThat(timers.getQueue()).hasSize(1);
    answers.answer(awaited.ackId(), true);
    assertThat(awaited.answer().toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(timers.getQueue()).isEmpty();
  }

  @Test
  void aDroppedUnicastLeavesNoTimeoutBehind() {
    UnicastAnswers.Awaited awaited = answers.await(60_000, timers);
    answers.drop(awaited.ackId());
    assertThat(timers.getQueue()).isEmpty();
    assertThat(awaited.answer().toCompletableFuture().isCompletedExceptionally()).isTrue();
  }

  @Test
  void onceTheSchedulerIsStoppedAUnicastFailsAtOnce() {
    timers.shutdown();
    CompletableFuture<Boolean> answer =
        answers.await(60_000, timers).answer().toCompletableFuture();
    assertThatThrownBy(answer::join).hasCauseInstanceOf(IllegalStateException.class);
  }
}
