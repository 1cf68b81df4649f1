package org.plezi.jakarta.internal.base;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place that makes the library's threads. Every thread is a daemon (an application that
 * forgets to undeploy cleanly does not keep its JVM alive) named {@code plezi-<role>-<server>-<n>},
 * so that a thread dump says whose thread it is and what it does. The roles, and what runs on each
 * (see {@code org.plezi.jakarta.internal}'s threading model):
 *
 * <ul>
 *   <li>{@code events}: a fixed pool per deployment; connections' inboxes (events from other
 *       connections and the bus, identity mailboxes), failed-unicast callbacks, identity clean-up.
 *   <li>{@code close}: a small pool per deployment; close frames (blocking sends) and {@code
 *       onShutdown} at undeploy.
 *   <li>{@code send-timeouts}: one scheduler thread per deployment that checks sends in flight.
 *   <li>{@code redis}: one scheduler thread per Redis bus that connects (and reconnects) to Redis.
 *   <li>{@code identity-sweeper}: one scheduler thread per in-memory identity store.
 *   <li>{@code heartbeat}: one scheduler thread per deployment that pings silent connections and
 *       closes dead and idle ones (issue 18).
 * </ul>
 */
public final class Threads {
  private Threads() {}

  /**
   * A fixed pool of {@code threads} daemon threads whose idle threads time out after 30 s (an idle
   * deployment holds none), with an unbounded queue: what is queued is bounded by its producers
   * (each connection's inbox, the number of connections).
   */
  public static ExecutorService pool(String role, String serverUuid, int threads) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            factory(role, serverUuid));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * Shuts the pools down, lets queued tasks finish until the deadline, then interrupts what is left
   * (issue 21: no task runs after the bus is gone).
   *
   * @param deadlineNanos a {@link System#nanoTime()} value
   * @return whether every pool terminated
   */
  public static boolean quiesce(long deadlineNanos, ExecutorService... pools) {
    for (ExecutorService pool : pools) {
      if (pool != null) {
        pool.shutdown();
      }
    }
    boolean all = true;
    for (ExecutorService pool : pools) {
      if (pool != null && !await(pool, deadlineNanos)) {
        pool.shutdownNow();
        all &= await(pool, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
      }
    }
    return all;
  }

  private static boolean await(ExecutorService pool, long deadlineNanos) {
    try {
      return pool.awaitTermination(
          Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * One daemon thread that runs scheduled tasks one at a time; a cancelled task leaves its queue at
   * once (timeouts that did not fire are most of what it holds).
   */
  public static ScheduledExecutorService scheduler(String role, String serverUuid) {
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(1, factory(role, serverUuid));
    scheduler.setRemoveOnCancelPolicy(true);
    return scheduler;
  }

  /** Daemon threads named {@code plezi-<role>-<first 8 characters of the server uuid>-<n>}. */
  static ThreadFactory factory(String role, String serverUuid) {
    String prefix =
        "plezi-"
            + role
            + (serverUuid == null
                ? ""
                : "-" + serverUuid.substring(0, Math.min(8, serverUuid.length())));
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Tasks waiting in a pool made here (0 for any other executor): a gauge for the metrics. */
  public static long queued(ExecutorService pool) {
    return pool instanceof ThreadPoolExecutor executor ? executor.getQueue().size() : 0;
  }
}
