package org.plezi.jakarta.internal.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.plezi.jakarta.internal.bus.IdentityStore;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;

/**
 * Identity mailboxes: binds connections to identities and hands each identity's messages to its
 * connections, in order, at least once. The store keeps the truth (who is registered, what waits);
 * this class moves messages between the store and the connections of every server.
 */
public final class Identities {
  /** The default lifetime of an identity, renewed by each registration and delivery. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);

  /** The shortest lifetime accepted. */
  public static final Duration MIN_LIFETIME = Duration.ofMillis(500);

  /** The longest identity name accepted, in chars. */
  public static final int MAX_IDENTITY_LENGTH = 256;

  private final String serverUuid;
  private final IdentityStore store;
  private final ConnectionRegistry connections;
  private final Messaging messaging;
  private final Executor background;

  Identities(String serverUuid, IdentityStore store, ConnectionRegistry connections,
      Messaging messaging, Executor background) {
    this.serverUuid = serverUuid;
    this.store = store;
    this.connections = connections;
    this.messaging = messaging;
    this.background = background;
  }

  public IdentityStore store() {
    return store;
  }

  /**
   * Binds a connection to an identity, dropping the oldest connections beyond {@code
   * maxConnections}; the identity's waiting messages follow on the connection, in order.
   *
   * @throws IllegalArgumentException for a bad identity, lifetime or count
   */
  public void register(Connection connection, String identity, Duration lifetime,
      int maxConnections) {
    check(identity);
    if (lifetime.compareTo(MIN_LIFETIME) < 0) {
      throw new IllegalArgumentException("an identity lives at least " + MIN_LIFETIME.toMillis()
          + " ms, not " + lifetime.toMillis());
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

  /**
   * Stores a message for a live identity and hands it at once to its connections on any server.
   *
   * @return whether the identity is alive (registered and not expired)
   * @throws IllegalArgumentException for a bad identity or arguments that are not core values
   */
  public boolean notify(String identity, String event, Object... args) {
    check(identity);
    Message message = messaging.prepareEvent(event, args);
    IdentityStore.Appended appended = store.append(identity, event, message.args());
    if (appended == null) {
      return false;
    }
    Message.Mail mail = new Message.Mail(identity, appended.seq());
    for (String uuid : appended.connections()) {
      if (uuid.length() <= 36) {
        continue;
      }
      Message addressed = message.asMail(uuid.substring(0, 36), uuid.substring(36), mail);
      if (uuid.startsWith(serverUuid)) {
        Connection target = local(uuid);
        if (target != null) {
          target.deliver(addressed);
        }
      } else {
        messaging.sendMail(addressed); // if it fails, the message waits in the mailbox
      }
    }
    return true;
  }

  /** A connection closed: it leaves its identities (in the background: the store may be remote). */
  void forget(Connection connection) {
    List<String> names = List.copyOf(connection.identities());
    if (!names.isEmpty()) {
      try {
        background.execute(() -> names.forEach(name -> store.unregister(name, connection.uuid())));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // undeploy: the registrations expire with their identities
      }
    }
  }

  private Connection local(String uuid) {
    return uuid.startsWith(serverUuid) ? connections.get(uuid.substring(serverUuid.length())) : null;
  }

  private static void check(String identity) {
    if (identity == null || identity.isEmpty() || identity.length() > MAX_IDENTITY_LENGTH
        || identity.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("an identity is 1 to " + MAX_IDENTITY_LENGTH
          + " characters without control characters");
    }
  }
}
