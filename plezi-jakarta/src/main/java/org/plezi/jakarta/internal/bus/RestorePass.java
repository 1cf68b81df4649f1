package org.plezi.jakarta.internal.bus;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One state owner's part of a restore pass: writes its entries again with a bounded number of calls
 * in flight (pipelined, without flooding Redisson's queue with one command per connection of a
 * large server at once), and once an entry is written checks that it is still wanted, removing it
 * otherwise. That order closes the race with a connection closing during the pass: a close before
 * the check is undone here, a close after it removes the entry itself, later.
 *
 * <p>Calls start on the caller's thread and on the threads that complete the previous ones
 * (Redisson's); the entries' iterator is only touched under this object's lock.
 *
 * @param <E> an entry: a registration, a subscription, a presence record
 */
public final class RestorePass<E> {
  /** Calls in flight by default: enough to fill a round trip, few enough to stay polite. */
  public static final int WINDOW = 256;

  private final Iterator<E> entries;
  private final int window;
  private final Function<E, CompletableFuture<Boolean>> write;
  private final Predicate<E> stillWanted;
  private final Function<E, CompletableFuture<?>> remove;
  private final CompletableFuture<Integer> done = new CompletableFuture<>();

  /** Calls started and not completed. Guarded by this. */
  private int inFlight;

  /** Entries written (not found in place). Guarded by this. */
  private int written;

  /** The first failure; once set no more calls start. Guarded by this. */
  private Throwable failure;

  /**
   * Whether a thread is in {@link #pump()}; a completion that happens meanwhile (a call that
   * completed at once) sets {@link #again} instead of pumping itself, so that a long run of calls
   * completing on the caller's thread never nests. Guarded by this.
   */
  private boolean pumping;

  /** Whether a call completed while another thread pumped. Guarded by this. */
  private boolean again;

  private RestorePass(
      Iterator<E> entries,
      int window,
      Function<E, CompletableFuture<Boolean>> write,
      Predicate<E> stillWanted,
      Function<E, CompletableFuture<?>> remove) {
    this.entries = entries;
    this.window = Math.max(1, window);
    this.write = write;
    this.stillWanted = stillWanted;
    this.remove = remove;
  }

  /**
   * Writes every entry again.
   *
   * @param write starts writing one entry; completes with whether it wrote it (false: it was in
   *     place, or there was no room and the owner gave the entry up)
   * @param stillWanted asked after an entry was written: false when its connection closed meanwhile
   * @param remove starts removing an entry that is no longer wanted
   * @return completes with the number of entries written, or with the first failure once the calls
   *     in flight have ended (no new call starts after a failure)
   */
  public static <E> CompletableFuture<Integer> run(
      Iterator<E> entries,
      int window,
      Function<E, CompletableFuture<Boolean>> write,
      Predicate<E> stillWanted,
      Function<E, CompletableFuture<?>> remove) {
    RestorePass<E> pass = new RestorePass<>(entries, window, write, stillWanted, remove);
    pass.pump();
    return pass.done;
  }

  /** Starts calls while there is room in the window, then finishes the pass if nothing is left. */
  private void pump() {
    synchronized (this) {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
    }
    while (true) {
      while (startNext()) {
        // each call's completion pumps again (or marks again while we pump)
      }
      synchronized (this) {
        if (!again) {
          pumping = false;
          break;
        }
        again = false;
      }
    }
    finishIfIdle();
  }

  /**
   * Starts the call for the next entry; false when the window is full, none is left or one failed.
   */
  private boolean startNext() {
    E entry;
    synchronized (this) {
      if (failure != null || inFlight >= window || !entries.hasNext()) {
        return false;
      }
      entry = entries.next();
      inFlight++;
    }
    CompletableFuture<Boolean> call;
    try {
      call = write.apply(entry);
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    call.thenCompose(
            wrote -> {
              if (stillWanted.test(entry)) {
                return CompletableFuture.completedFuture(wrote);
              }
              return remove.apply(entry).thenApply(removed -> false);
            })
        .whenComplete(
            (wrote, problem) -> {
              synchronized (this) {
                inFlight--;
                if (problem != null && failure == null) {
                  failure = problem;
                } else if (problem == null && wrote) {
                  written++;
                }
              }
              pump();
            });
    return true;
  }

  private void finishIfIdle() {
    Throwable failed;
    int count;
    synchronized (this) {
      if (pumping || inFlight > 0 || (failure == null && entries.hasNext())) {
        return;
      }
      failed = failure;
      count = written;
    }
    if (failed != null) {
      done.completeExceptionally(failed);
    } else {
      done.complete(count);
    }
  }
}
