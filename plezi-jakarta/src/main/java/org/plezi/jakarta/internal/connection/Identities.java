package org.plezi.jakarta.internal.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.plezi.jakarta.internal.bus.Change;
import org.plezi.jakarta.internal.bus.ClusterState;
import org.plezi.jakarta.internal.bus.FailedRemovals;
import org.plezi.jakarta.internal.bus.IdentityStore;
import org.plezi.jakarta.internal.bus.Outage;
import org.plezi.jakarta.internal.bus.RestorePass;
import org.plezi.jakarta.internal.metrics.MailboxMetrics;

/**
 * Which identities this server's connections hold: binds a connection to an identity in the store
 * (taking it from the oldest connections beyond the identity's limit, on any server) and lets a
 * closed connection go. The store keeps the truth; each connection's {@link ConnectionMail} reads
 * the identity's mailbox once it holds it. Sending to an identity is the delivery layer's.
 * Thread-safe.
 */
public final class Identities implements ClusterState {
  /** The shortest lifetime accepted. */
  public static final Duration MIN_LIFETIME = Duration.ofMillis(500);

  /** The longest identity name accepted, in chars. */
  public static final int MAX_IDENTITY_LENGTH = 256;

  /** Failed removals kept for a retry; beyond this the oldest expire with their identities. */
  static final int MAX_FAILED_REMOVALS = 100_000;

  private final String serverUuid;
  private final IdentityStore store;
  private final ConnectionRegistry connections;

  /** Removals started by closes and not completed yet. */
  private final Set<CompletableFuture<Void>> removals = ConcurrentHashMap.newKeySet();

  /** Removals that failed because Redis could not be reached: retried when it is back. */
  private final FailedRemovals<Removal> failedRemovals =
      new FailedRemovals<>(MAX_FAILED_REMOVALS, System.getLogger("org.plezi.jakarta"));

  /** Removals Redis refused (not an outage): logged by the store; they expire with identities. */
  private final AtomicInteger refusedRemovals = new AtomicInteger();

  /** Mailbox appends, deliveries, drops and misses (issue 19). */
  private final MailboxMetrics mailboxMetrics;

  public Identities(String serverUuid, IdentityStore store, ConnectionRegistry connections) {
    this(serverUuid, store, connections, MailboxMetrics.standalone(false));
  }

  /** As the other constructor, counting mailbox traffic into {@code mailboxMetrics}. */
  public Identities(
      String serverUuid,
      IdentityStore store,
      ConnectionRegistry connections,
      MailboxMetrics mailboxMetrics) {
    this.mailboxMetrics = mailboxMetrics;
    this.serverUuid = serverUuid;
    this.store = store;
    this.connections = connections;
  }

  public IdentityStore store() {
    return store;
  }

  /** Where mailbox traffic is counted. */
  public MailboxMetrics mailboxMetrics() {
    return mailboxMetrics;
  }

  /**
   * Binds a connection to an identity, dropping the oldest connections beyond {@code
   * maxConnections}; the identity's waiting messages follow on the connection, in order. Waits for
   * the store: one Redis round trip in a cluster.
   *
   * @throws IllegalArgumentException for a bad identity, lifetime or count
   */
  void register(Connection connection, String identity, Duration lifetime, int maxConnections) {
    check(identity);
    if (lifetime.compareTo(MIN_LIFETIME) < 0) {
      throw new IllegalArgumentException(
          "an identity lives at least "
              + MIN_LIFETIME.toMillis()
              + " ms, not "
              + lifetime.toMillis());
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
    }
    List<String> dropped =
        store.register(identity, connection.uuid(), lifetime.toMillis(), maxConnections);
    for (String uuid : dropped) {
      Connection older = local(uuid);
      if (older != null) {
        older.unregisteredAs(identity);
      }
    }
    connection.registeredAs(identity, lifetime.toMillis(), maxConnections);
  }

  /**
   * A connection closed: it leaves its identities, without blocking (the store may be remote). The
   * removals are tracked until they complete, so that shutdown waits for them ({@link #release}).
   */
  public void forget(Connection connection) {
    for (String name : List.copyOf(connection.identities())) {
      remove(new Removal(name, connection.uuid()));
    }
  }

  /**
   * Starts one removal, tracked until it completes; one that fails because Redis cannot be reached
   * is kept for a retry once Redis is back ({@link #restore}), so that a Redis that kept its data
   * does not keep a dead connection's place in the identity.
   *
   * @return completes with whether the removal was done; never exceptionally
   */
  private CompletableFuture<Boolean> remove(Removal entry) {
    CompletableFuture<Void> removal;
    try {
      removal = store.unregisterAsync(entry.identity(), entry.connectionUuid());
    } catch (RuntimeException e) {
      removal = CompletableFuture.failedFuture(e);
    }
    if (!removal.isDone()) {
      CompletableFuture<Void> tracked = removal;
      removals.add(tracked);
      tracked.whenComplete((done, failure) -> removals.remove(tracked));
    }
    return removal.handle(
        (done, failure) -> {
          if (failure == null) {
            return true;
          }
          Throwable cause =
              failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause()
                  : failure;
          if (cause instanceof Outage.Unavailable) {
            failedRemovals.add(entry); // counted by the outage, logged once
          } else {
            refusedRemovals.incrementAndGet(); // logged by the store
          }
          return false;
        });
  }

  /** Removals kept for a retry (Redis could not be reached when they were tried). */
  public int failedRemovals() {
    return failedRemovals.size();
  }

  /**
   * Removes one registration; when Redis cannot serve, the outage counts it (logged once), a
   * refusal is logged rate-limited by the store, and the registration expires with its identity.
   */
  private void unregister(String identity, String connectionUuid) {
    try {
      store.unregister(identity, connectionUuid);
    } catch (IllegalStateException e) {
      // counted by the outage, or logged by the store; nothing may kill the pool's thread
    }
  }

  /** One identity held by one open connection: an entry this server keeps in the store. */
  private record Held(Connection connection, String identity) {}

  /**
   * One registration to remove: a connection that closed. Kept in a hash set: equals and hashCode
   * are written out, as {@code Origin}'s are (a record's generated ones keep the application's
   * class loader after undeploy on JDK 17).
   */
  private record Removal(String identity, String connectionUuid) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Removal that
          && identity.equals(that.identity)
          && connectionUuid.equals(that.connectionUuid);
    }

    @Override
    public int hashCode() {
      return identity.hashCode() * 31 + connectionUuid.hashCode();
    }
  }

  @Override
  public String name() {
    return "identities";
  }

  /**
   * Writes every open connection's registrations again (the healer's thread), idempotently: one
   * still in the store keeps its order; one without room is given up (the connection stops
   * receiving that identity's messages, as when newer connections push it out).
   */
  @Override
  public CompletionStage<Integer> restore(Change change) {
    CompletableFuture<Void> retried = retryRemovals();
    List<Held> held = new ArrayList<>();
    for (Connection connection : connections.all()) {
      for (String identity : List.copyOf(connection.identities())) {
        held.add(new Held(connection, identity));
      }
    }
    CompletableFuture<Integer> rewritten =
        RestorePass.run(
            held.iterator(),
            RestorePass.WINDOW,
            this::rewrite,
            h -> h.connection().isOpen() && h.connection().identities().contains(h.identity()),
            h -> store.unregisterAsync(h.identity(), h.connection().uuid()));
    return retried.thenCombine(rewritten, (done, count) -> count);
  }

  /**
   * Retries the removals that failed in an outage (a window at a time); completes exceptionally
   * when one fails again (kept again), so that the healer owes the pass and retries at its next
   * link check.
   */
  private CompletableFuture<Void> retryRemovals() {
    List<Removal> due = failedRemovals.drain();
    if (due.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    AtomicInteger failed = new AtomicInteger();
    return RestorePass.run(
            due.iterator(),
            RestorePass.WINDOW,
            entry ->
                remove(entry)
                    .thenApply(
                        removed -> {
                          if (!removed) {
                            failed.incrementAndGet();
                          }
                          return removed;
                        }),
            entry -> true,
            entry -> CompletableFuture.completedFuture(null))
        .thenAccept(
            count -> {
              if (failed.get() > 0) {
                throw new Outage.Unavailable(
                    "Plezi: " + failed.get() + " removals failed again; kept for the next check",
                    null);
              }
            });
  }

  private CompletableFuture<Boolean> rewrite(Held held) {
    Connection connection = held.connection();
    ConnectionMail.Terms terms = connection.registration(held.identity());
    if (terms == null) {
      return CompletableFuture.completedFuture(false); // given up meanwhile
    }
    return store
        .restore(
            held.identity(),
            connection.uuid(),
            terms.lifetimeMillis(),
            terms.maxConnections(),
            connection.cursor(held.identity()))
        .thenApply(
            code -> {
              if (code < 0) {
                connection.unregisteredAs(held.identity());
              }
              return code > 0;
            });
  }

  /**
   * Shutdown, once every connection closed: the closes started their removals; completes when they
   * have all completed, with the number that failed (registrations left in Redis).
   */
  @Override
  public CompletionStage<Integer> release() {
    for (Connection connection : connections.all()) {
      forget(connection); // one the shutdown could not close in time
    }
    CompletableFuture<Void> retried = retryRemovals(); // those that failed in an outage
    return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new))
        .thenCompose(done -> retried)
        .handle((done, failure) -> failedRemovals.size() + refusedRemovals.get());
  }

  /** This server's connection with that uuid, or null. */
  public Connection local(String uuid) {
    return uuid.startsWith(serverUuid)
        ? connections.get(uuid.substring(serverUuid.length()))
        : null;
  }

  /**
   * Checks an identity's name.
   *
   * @throws IllegalArgumentException when it is empty, too long or holds control characters
   */
  public static void check(String identity) {
    if (identity == null
        || identity.isEmpty()
        || identity.length() > MAX_IDENTITY_LENGTH
        || identity.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "an identity is 1 to " + MAX_IDENTITY_LENGTH + " characters without control characters");
    }
  }
}
