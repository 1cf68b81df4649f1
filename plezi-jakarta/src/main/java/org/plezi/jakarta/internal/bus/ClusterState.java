package org.plezi.jakarta.internal.bus;

import java.util.concurrent.CompletionStage;

/**
 * State this server keeps in Redis on behalf of its open connections (identity registrations;
 * channel subscribers and presence entries), which must follow the connections whatever happens to
 * Redis: written again when Redis lost it, removed before the bus closes on shutdown. Every entry
 * must be re-creatable from what this server holds in memory.
 *
 * <p>Neither method blocks: each starts its Redis calls (through {@code RedisCalls}) and returns a
 * stage that completes when they are done.
 *
 * <p><b>Owners plug in; the healer stays as it is.</b> An owner (identities are the first: {@code
 * connection.Identities}) implements this interface and is handed to {@code Buses.heal(bus, owner)}
 * in {@code PleziRuntime.integrate}, before any connection opens; from then on the {@link Healer}
 * includes it in every restore pass (each owner's stage runs alongside the others', and a failed
 * one makes the whole pass owed again) and in the shutdown pass ({@code Buses.release}), which
 * waits for all owners together up to the deadline. An owner writes its entries with {@link
 * RestorePass} (bounded calls in flight, the close race handled), keeps the removals that failed in
 * an outage in {@link FailedRemovals} and retries them in {@link #restore}. Nothing else of the
 * healer needs to know what the entries are.
 */
public interface ClusterState {
  /** What this state is, for the healer's log line: {@code "identities"}, {@code "presence"}. */
  String name();

  /**
   * Redis lost ({@link Change#DATA_LOST}) or may lack ({@link Change#RESTARTED}) this server's
   * entries, or is back after an outage ({@link Change#SAME}: retry what failed meanwhile). Writes
   * every entry of this server's open connections again, idempotently: an entry still there stays
   * as it is (no second copy, no new order, no new sequence number), so a false alarm costs a pass
   * and nothing else.
   *
   * <p>Runs on the healer's thread, never concurrently with itself, while traffic goes on: write an
   * entry, then check that its connection is still open and remove what closed meanwhile. A stage
   * that completes exceptionally is retried at the next link check, with a change at least as
   * demanding.
   *
   * @param change never {@link Change#FIRST}
   * @return completes with the number of entries written
   */
  CompletionStage<Integer> restore(Change change);

  /**
   * Shutdown: every connection has closed; removes this server's entries from Redis (removals that
   * the closes started included) before the bus closes. The runtime waits for every owner up to
   * {@code plezi.shutdown.timeoutMillis}, then closes the bus regardless.
   *
   * @return completes with the number of entries that could not be removed (0: none left)
   */
  CompletionStage<Integer> release();
}
