package org.plezi.jakarta.internal.redis;

import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.plezi.jakarta.internal.base.Threads;
import org.redisson.api.RedissonClient;

/**
 * Stops threads within a deadline, so that none outlives the application: Tomcat reports (and the
 * class loader leaks through) any thread the application started that is still alive when its
 * listeners have returned.
 */
public final class Quiesce {
  /**
   * Netty's quiet period: a task submitted within it (the acknowledgement of a last write in
   * flight) still runs. Every removal has been awaited before, so it can be short (measured: the
   * shutdown then takes about 130 ms instead of 10).
   */
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private Quiesce() {}

  /**
   * Shuts the pools down, lets queued tasks finish until the deadline, then interrupts what is
   * left.
   *
   * @param deadlineNanos a {@link System#nanoTime()} value
   * @return whether every pool terminated
   */
  public static boolean pools(long deadlineNanos, ExecutorService... pools) {
    return Threads.quiesce(deadlineNanos, pools);
  }

  /**
   * Shuts down a Redisson client that the library made, then waits for Netty's global executor
   * thread, which Redisson's shutdown starts and which lingers about a second after its last task
   * (measured; Tomcat would report it).
   *
   * @return whether every thread had ended by the deadline
   */
  public static boolean redisson(RedissonClient client, long deadlineNanos) {
    long timeout = Math.max(QUIET_NANOS, deadlineNanos - System.nanoTime());
    client.shutdown(QUIET_NANOS, timeout, TimeUnit.NANOSECONDS);
    try {
      return GlobalEventExecutor.INSTANCE.awaitInactivity(
          Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Removes Netty's thread-local values of the calling thread (only this class loader's copy of
   * Netty): for a container thread that issued Redis commands and outlives the application.
   */
  public static void forgetThreadLocals() {
    io.netty.util.concurrent.FastThreadLocal.removeAll();
  }
}
