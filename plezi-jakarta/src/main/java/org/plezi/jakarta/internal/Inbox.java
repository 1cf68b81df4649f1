package org.plezi.jakarta.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection's queue of events from other connections and the bus: run one at a time, in order,
 * on a shared pool, never more than {@code max} waiting. Lock-free for senders.
 */
final class Inbox {
  /** Tasks run per turn before the drain yields its thread to other connections. */
  private static final int BATCH = 64;

  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

  /** Tasks queued and not yet started. */
  private final AtomicInteger size = new AtomicInteger();

  /** Whether a drain is queued on, or running in, the pool. */
  private final AtomicBoolean scheduled = new AtomicBoolean();

  private final Executor pool;
  private final int max;

  Inbox(Executor pool, int max) {
    this.pool = pool;
    this.max = max;
  }

  /**
   * Queues a task.
   *
   * @return false when the inbox is full or the pool no longer runs tasks
   */
  boolean offer(Runnable task) {
    if (size.incrementAndGet() > max) {
      size.decrementAndGet();
      return false;
    }
    tasks.add(task);
    return schedule();
  }

  int size() {
    return size.get();
  }

  private boolean schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        pool.execute(this::drain);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
        return false;
      }
    }
    return true;
  }

  private void drain() {
    for (int i = 0; i < BATCH; i++) {
      Runnable task = tasks.poll();
      if (task == null) {
        break;
      }
      size.decrementAndGet();
      task.run(); // tasks catch and log their own failures
    }
    scheduled.set(false);
    if (!tasks.isEmpty()) {
      schedule();
    }
  }
}
