package org.plezi.jakarta.internal.bus;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where identities, their registered connections and their mailboxes live: in this JVM ({@link
 * LocalIdentityStore}) or in Redis for a cluster. Every operation on one identity is atomic.
 * Messages of an identity get increasing sequence numbers in the order they were appended.
 */
public interface IdentityStore extends AutoCloseable {
  /** A stored message. */
  record Entry(long seq, String event, List<Object> args) {}

  /**
   * What {@link #append} did: the message's number, the connections to hand it to now, and how many
   * of the oldest messages the cap dropped to make room (for the metrics).
   */
  record Appended(long seq, List<String> connections, long dropped) {}

  /** A page of the mailbox and the identity's newest number (0 when it never had a message). */
  record Page(List<Entry> entries, long newest) {}

  /**
   * Creates or renews an identity for {@code lifetimeMillis} and adds a connection to it.
   *
   * @return the uuids of older connections that lost the identity because it has more than {@code
   *     maxConnections}, oldest first
   */
  List<String> register(
      String identity, String connectionUuid, long lifetimeMillis, int maxConnections);

  /** Removes a connection from an identity (the identity and its mailbox stay). */
  void unregister(String identity, String connectionUuid);

  /**
   * Appends a message to a live identity's mailbox (dropping the oldest beyond the cap). Does not
   * renew the identity: only registrations and deliveries do.
   *
   * @return null when the identity is not alive (never registered, or expired)
   */
  Appended append(String identity, String event, List<Object> args);

  /** Up to {@code max} messages numbered above {@code after}, oldest first; null if not alive. */
  Page read(String identity, long after, int max);

  /** Messages up to {@code seq} were handed to a live connection: removes them, renews. */
  void delivered(String identity, long seq);

  /**
   * Writes a connection's registration again after the store may have lost it (issue 21),
   * idempotently: a registration still there keeps its order; a missing one is added only if the
   * identity has room (never evicting a live one); numbering continues above {@code cursor}. The
   * in-memory store never loses its data.
   *
   * @return completes with 1 when written, 0 when it was in place, -1 when there was no room
   */
  default CompletableFuture<Integer> restore(
      String identity,
      String connectionUuid,
      long lifetimeMillis,
      int maxConnections,
      long cursor) {
    return CompletableFuture.completedFuture(0);
  }

  /** {@link #unregister} without blocking the caller (a failure completes the stage). */
  default CompletableFuture<Void> unregisterAsync(String identity, String connectionUuid) {
    try {
      unregister(identity, connectionUuid);
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  void close();
}
