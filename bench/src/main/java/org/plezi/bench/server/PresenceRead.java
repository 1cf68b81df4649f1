package org.plezi.bench.server;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.plezi.jakarta.Messenger;

/**
 * Times {@link Messenger#presence(String)} of one channel: waits until the channel lists the
 * expected members (tracking completes asynchronously), then reads it {@code reads} times, one
 * after the other, each read from the call to its completed stage.
 */
final class PresenceRead {
  /** The times of the reads: median, 99th percentile and minimum, in nanoseconds. */
  record Times(int members, long medianNanos, long p99Nanos, long minNanos) {}

  private PresenceRead() {}

  static Times run(Messenger messenger, String channel, int expected, int reads)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int members;
    while ((members = read(messenger, channel).size()) != expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            channel + " lists " + members + " members, expected " + expected);
      }
      LockSupport.parkNanos(20_000_000L); // waiting for another component's asynchronous writes
    }
    long[] nanos = new long[reads];
    for (int i = 0; i < reads; i++) {
      long start = System.nanoTime();
      int size = read(messenger, channel).size();
      nanos[i] = System.nanoTime() - start;
      if (size != expected) {
        throw new IllegalStateException(
            "read " + i + " listed " + size + " members, expected " + expected);
      }
    }
    return times(expected, nanos);
  }

  /** The summary of some reads' times (at least one). */
  static Times times(int members, long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no reads");
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int p99 = Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1);
    return new Times(members, sorted[(sorted.length - 1) / 2], sorted[p99], sorted[0]);
  }

  private static Map<String, Map<String, String>> read(Messenger messenger, String channel)
      throws InterruptedException, ExecutionException, TimeoutException {
    return messenger.presence(channel).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
