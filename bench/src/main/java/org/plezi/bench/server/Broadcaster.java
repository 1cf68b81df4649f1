package org.plezi.bench.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.plezi.bench.Payload;

/**
 * Sends one run's broadcasts: back to back while fewer than {@code window} are still on their way
 * to some client (the clients report each broadcast that reached all of them), or at a fixed rate.
 * Gives up when the clients stop reporting progress, which only happens if messages were lost.
 */
final class Broadcaster {
  /** No progress for this long means the run is broken. */
  private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition progress = lock.newCondition();

  /** Broadcasts of the current run that reached every client; guarded by lock. */
  private long acked;

  /** Forgets the previous run's acknowledgements; called before a run starts. */
  void reset() {
    lock.lock();
    try {
      acked = 0;
    } finally {
      lock.unlock();
    }
  }

  void ack(long completed) {
    lock.lock();
    try {
      if (completed > acked) {
        acked = completed;
        progress.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs the broadcasts.
   *
   * @param perSecond broadcasts per second, or 0 for flat out within the window
   * @return the nanoTime of the first and of the last send
   * @throws IllegalStateException when the clients stop acknowledging
   */
  long[] run(Consumer<String> send, long count, int window, double perSecond)
      throws InterruptedException {
    long start = System.nanoTime();
    long first = 0;
    long last = 0;
    for (long i = 0; i < count; i++) {
      awaitWindow(i, window);
      if (perSecond > 0) {
        long due = start + (long) (i * 1e9 / perSecond);
        for (long wait; (wait = due - System.nanoTime()) > 0; ) {
          LockSupport.parkNanos(wait); // pacing a fixed rate, not waiting for a condition
        }
      }
      long now = System.nanoTime();
      if (i == 0) {
        first = now;
      }
      last = now;
      send.accept(Payload.of(i, now));
    }
    return new long[] {first, last};
  }

  private void awaitWindow(long next, int window) throws InterruptedException {
    lock.lock();
    try {
      long deadline = System.nanoTime() + STALL_NANOS;
      while (next - acked >= window) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "clients acknowledged "
                  + acked
                  + " broadcasts, then "
                  + "nothing for 30 s: messages were lost");
        }
        progress.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }
}
