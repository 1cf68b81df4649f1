package org.plezi.jakarta.internal.bus;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Keeps this server's entries in Redis true to its open connections. Each link check reads the
 * epoch marker and Redis's run id ({@link Probe}); when Redis lost its data, restarted, or comes
 * back after an outage, every {@link ClusterState} writes its entries again, one pass at a time,
 * and a pass that fails is owed until one succeeds. On shutdown it asks every state to remove its
 * entries.
 *
 * <p>{@link #check()} runs on one thread only (the bus's): the fields marked "check thread" are
 * touched by it alone. {@link #trigger()} may be called from any thread.
 */
public final class Healer {
  /** Reads the link: the epoch marker (written when missing) and the run id. */
  public interface Probe {
    /**
     * One round trip to Redis.
     *
     * @throws RuntimeException when Redis does not answer
     */
    RedisLife read();
  }

  private final Probe probe;
  private final Outage outage;
  private final System.Logger log;
  private final LongSupplier nanoTime;
  private final List<ClusterState> states = new CopyOnWriteArrayList<>();

  /** The last good check; check thread. */
  private RedisLife known;

  /** A pass that failed, to run at the next good check (null: none owed); check thread. */
  private Change owed;

  /** Passes that completed; written on the check thread. */
  private volatile long passes;

  /** Entries written by all passes; written on the check thread. */
  private volatile long written;

  /** Whether a triggered check is queued and not yet started. */
  private final AtomicBoolean queued = new AtomicBoolean();

  /** Set by {@link #release}: no more checks. */
  private volatile boolean closed;

  /** Where checks run; null until {@link #start}. */
  private volatile ScheduledExecutorService thread;

  public Healer(Probe probe, Outage outage, System.Logger log) {
    this(probe, outage, log, System::nanoTime);
  }

  Healer(Probe probe, Outage outage, System.Logger log, LongSupplier nanoTime) {
    this.probe = probe;
    this.outage = outage;
    this.log = log;
    this.nanoTime = nanoTime;
  }

  /** Adds a state to heal; at wiring time, before the first check. */
  public void add(ClusterState state) {
    states.add(state);
  }

  /**
   * Runs a check every {@code periodMillis} on {@code thread}, and on each {@link #trigger()}. The
   * caller has run the first check already (at join, before the client is handed out).
   */
  public void start(ScheduledExecutorService thread, long periodMillis) {
    this.thread = thread;
    thread.scheduleWithFixedDelay(
        this::checkQuietly, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Asks for a check as soon as possible: Redisson resubscribed, or an operation failed. Several
   * triggers before the check starts make one check.
   */
  public void trigger() {
    ScheduledExecutorService current = thread;
    if (current != null && queued.compareAndSet(false, true)) {
      try {
        current.execute(
            () -> {
              queued.set(false);
              checkQuietly();
            });
      } catch (RejectedExecutionException e) {
        queued.set(false); // shutting down
      }
    }
  }

  /** A check on the scheduled thread: nothing may escape, or the schedule would stop. */
  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      log.log(Level.WARNING, "Plezi: the Redis link check failed unexpectedly", e);
    }
  }

  /**
   * One link check and, when it asks for one, one restore pass. Check thread only.
   *
   * @return what the check saw; null when Redis did not answer (the outage then counts it)
   */
  public Change check() {
    if (closed) {
      return null;
    }
    RedisLife seen;
    try {
      seen = probe.read();
    } catch (RuntimeException e) {
      outage.failed(reason(e));
      return null;
    }
    boolean wasDown = outage.recovered();
    RedisLife previous = known;
    Change change = seen.since(previous);
    known = seen;
    if (change == Change.FIRST) {
      return change;
    }
    Change needed = change == Change.SAME && !wasDown ? null : change;
    if (owed != null) {
      needed = owed.atLeast(needed);
    }
    if (needed != null) {
      owed = needed;
      if (pass(needed, previous, seen)) {
        owed = null;
      }
    }
    return change;
  }

  /** Asks every state to write its entries again; whether all succeeded. */
  private boolean pass(Change change, RedisLife before, RedisLife now) {
    long start = nanoTime.getAsLong();
    List<String> names = new ArrayList<>();
    List<CompletableFuture<Integer>> stages = new ArrayList<>();
    for (ClusterState state : states) {
      names.add(state.name());
      stages.add(started(() -> state.restore(change)));
    }
    List<String> counts = new ArrayList<>();
    long total = 0;
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      try {
        int count = stages.get(i).join();
        total += count;
        counts.add(count + " " + names.get(i));
      } catch (CompletionException e) {
        failed.add(names.get(i) + " (" + reason(e.getCause() != null ? e.getCause() : e) + ")");
      }
    }
    written += total;
    if (!failed.isEmpty()) {
      // A Redis failure has started an outage, logged once; anything else is worth a line.
      log.log(
          outage.isDown() ? Level.DEBUG : Level.WARNING,
          "Plezi: writing " + failed + " to Redis again failed; retrying at the next link check");
      return false;
    }
    passes++;
    long millis = (nanoTime.getAsLong() - start) / 1_000_000;
    String what = String.join(", ", counts);
    switch (change) {
      case DATA_LOST ->
          log.log(
              Level.INFO,
              "Plezi: Redis lost its data (epoch "
                  + before.epoch()
                  + " is now "
                  + now.epoch()
                  + "): wrote again "
                  + what
                  + " in "
                  + millis
                  + " ms");
      case RESTARTED ->
          log.log(
              Level.INFO,
              "Plezi: Redis restarted with its data: checked " + what + " in " + millis + " ms");
      default ->
          log.log(
              total > 0 ? Level.INFO : Level.DEBUG,
              "Plezi: after the outage, " + "retried " + what + " in " + millis + " ms");
    }
    return true;
  }

  /**
   * Shutdown, once every connection has closed: stops checking, asks every state to remove its
   * entries and waits for them up to {@code timeoutMillis}; logs one line if anything is left.
   *
   * @return whether every state removed all its entries in time
   */
  public boolean release(long timeoutMillis) {
    closed = true;
    long deadline = nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    List<String> names = new ArrayList<>();
    List<CompletableFuture<Integer>> stages = new ArrayList<>();
    for (ClusterState state : states) {
      names.add(state.name());
      stages.add(started(state::release));
    }
    List<String> left = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      long wait = Math.max(0, deadline - nanoTime.getAsLong());
      try {
        int count = stages.get(i).get(wait, TimeUnit.NANOSECONDS);
        if (count > 0) {
          left.add(count + " " + names.get(i));
        }
      } catch (TimeoutException e) {
        left.add(names.get(i) + " (not done in " + timeoutMillis + " ms)");
      } catch (ExecutionException e) {
        left.add(names.get(i) + " (" + reason(e.getCause()) + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        left.add(names.get(i) + " (interrupted)");
      }
    }
    if (!left.isEmpty()) {
      log.log(
          Level.WARNING,
          "Plezi: shutdown left this server's entries in Redis: "
              + String.join(", ", left)
              + "; they expire on their own (identities with their lifetimes)");
    }
    return left.isEmpty();
  }

  /** Passes that completed since start. */
  public long passes() {
    return passes;
  }

  /** Entries written again by all passes. */
  public long written() {
    return written;
  }

  /** A state's stage, or a failed one if starting it threw. */
  private static CompletableFuture<Integer> started(
      java.util.function.Supplier<CompletionStage<Integer>> start) {
    try {
      return start.get().toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A short reason for a log line: no stack trace, bounded length. */
  public static String reason(Throwable failure) {
    String message = failure.getMessage();
    String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
