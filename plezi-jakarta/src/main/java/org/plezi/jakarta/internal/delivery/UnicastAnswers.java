package org.plezi.jakarta.internal.delivery;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Messenger unicasts to other servers waiting for their answer ({@code delivered} or {@code
 * failed}), by ack id. Each waits at most {@code plezi.unicast.timeoutMillis}, then fails with a
 * {@link java.util.concurrent.TimeoutException} and is forgotten, so that a server that never
 * answers leaves nothing behind. Thread-safe: answers arrive on the bus's threads.
 */
final class UnicastAnswers {
  private final Map<String, CompletableFuture<Boolean>> awaiting = new ConcurrentHashMap<>();

  /** A new ack id and the answer it waits for, which the caller hands out. */
  record Awaited(String ackId, CompletionStage<Boolean> answer) {}

  /**
   * @param timers the deployment's scheduler, which ends the wait (not {@code orTimeout}: the JDK's
   *     delayer thread it starts outlives the application)
   */
  Awaited await(long timeoutMillis, ScheduledExecutorService timers) {
    String ackId = UUID.randomUUID().toString();
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    awaiting.put(ackId, answer);
    Future<?> timeout;
    try {
      timeout =
          timers.schedule(
              () ->
                  answer.completeExceptionally(
                      new TimeoutException("no answer within " + timeoutMillis + " ms")),
              timeoutMillis,
              TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      timeout = CompletableFuture.completedFuture(null);
      answer.completeExceptionally(
          new IllegalStateException("Plezi: the application is stopping", e));
    }
    Future<?> timer = timeout;
    answer.whenComplete(
        (delivered, failure) -> {
          awaiting.remove(ackId);
          timer.cancel(false);
        });
    // A copy, so that the caller cannot complete (or cancel) what the bus completes.
    return new Awaited(ackId, answer.copy());
  }

  /** The unicast was never sent: stops waiting for its answer. */
  void drop(String ackId) {
    CompletableFuture<Boolean> answer = awaiting.remove(ackId);
    if (answer != null) {
      answer.cancel(false);
    }
  }

  /** The target's server answered; nothing when the wait already ended. */
  void answer(String ackId, boolean delivered) {
    CompletableFuture<Boolean> answer = awaiting.remove(ackId);
    if (answer != null) {
      answer.complete(delivered);
    }
  }
}
