package org.plezi.jakarta.internal.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection's queue of events from other connections and the bus: run one at a time, in order,
 * on a shared pool, never more than {@code max} waiting. Lock-free for senders.
 *
 * <p>A fan-out offers one event to many inboxes: it passes a {@link Batch}, which collects the
 * inboxes that were idle and starts their drains {@value Batch#PER_TASK} to a pool task, instead of
 * one pool task (a queue lock and often a thread wake-up) per receiving connection.
 */
public final class Inbox {
  /** Idle inboxes a fan-out found, whose drains it starts together once it has offered to all. */
  public static final class Batch {
    /** Drains per pool task: few enough that the pool's threads share a fan-out's work. */
    static final int PER_TASK = 64;

    /** The inboxes this fan-out found idle; only the fan-out's own thread touches the batch. */
    private final List<Inbox> idle = new ArrayList<>();

    /** Starts the collected drains on the inboxes' pool; the batch is then spent. */
    public void start() {
      for (int from = 0; from < idle.size(); from += PER_TASK) {
        Inbox[] chunk =
            idle.subList(from, Math.min(idle.size(), from + PER_TASK)).toArray(Inbox[]::new);
        try {
          chunk[0].pool.execute(
              () -> {
                for (Inbox inbox : chunk) {
                  inbox.drain();
                }
              });
        } catch (RejectedExecutionException e) {
          for (Inbox inbox : chunk) {
            inbox.scheduled.set(false); // the pool is shut down: the application is undeploying
          }
        }
      }
      idle.clear();
    }
  }

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
    return offer(task, null);
  }

  /**
   * Queues a task; if the inbox was idle, its drain starts when {@code batch} starts (at once when
   * there is no batch). Every inbox of a batch must share one pool.
   *
   * @return false when the inbox is full or the pool no longer runs tasks
   */
  boolean offer(Runnable task, Batch batch) {
    if (size.incrementAndGet() > max) {
      size.decrementAndGet();
      return false;
    }
    tasks.add(task);
    if (batch == null) {
      return schedule();
    }
    if (scheduled.compareAndSet(false, true)) {
      batch.idle.add(this);
    }
    return true;
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
