package org.plezi.jakarta.internal.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.plezi.jakarta.internal.bus.IdentityStore;
import org.plezi.jakarta.internal.metrics.MailboxMetrics;

/**
 * Which identities this server's connections hold: binds a connection to an identity in the store
 * (taking it from the oldest connections beyond the identity's limit, on any server) and lets a
 * closed connection go. The store keeps the truth; each connection's {@link ConnectionMail} reads
 * the identity's mailbox once it holds it. Sending to an identity is the delivery layer's.
 * Thread-safe.
 */
public final class Identities {
  /** The shortest lifetime accepted. */
  public static final Duration MIN_LIFETIME = Duration.ofMillis(500);

  /** The longest identity name accepted, in chars. */
  public static final int MAX_IDENTITY_LENGTH = 256;

  private final String serverUuid;
  private final IdentityStore store;
  private final ConnectionRegistry connections;

  /** Runs the unregistrations of closed connections: the store may be remote. */
  private final Executor background;

  /** Mailbox appends, deliveries, drops and misses (issue 19). */
  private final MailboxMetrics mailboxMetrics;

  public Identities(
      String serverUuid, IdentityStore store, ConnectionRegistry connections, Executor background) {
    this(serverUuid, store, connections, background, MailboxMetrics.standalone(false));
  }

  /** As the other constructor, counting mailbox traffic into {@code mailboxMetrics}. */
  public Identities(
      String serverUuid,
      IdentityStore store,
      ConnectionRegistry connections,
      Executor background,
      MailboxMetrics mailboxMetrics) {
    this.mailboxMetrics = mailboxMetrics;
    this.serverUuid = serverUuid;
    this.store = store;
    this.connections = connections;
    this.background = background;
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
    connection.registeredAs(identity);
  }

  /** A connection closed: it leaves its identities (in the background: the store may be remote). */
  public void forget(Connection connection) {
    List<String> names = List.copyOf(connection.identities());
    if (!names.isEmpty()) {
      try {
        background.execute(() -> names.forEach(name -> store.unregister(name, connection.uuid())));
      } catch (RejectedExecutionException e) {
        // undeploy: the registrations expire with their identities
      }
    }
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
