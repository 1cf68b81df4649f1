package org.plezi.jakarta.internal.delivery;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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

  Awaited await(long timeoutMillis) {
    String ackId = UUID.randomUUID().toString();
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    awaiting.put(ackId, answer);
    answer
        .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .whenComplete((delivered, failure) -> awaiting.remove(ackId));
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
