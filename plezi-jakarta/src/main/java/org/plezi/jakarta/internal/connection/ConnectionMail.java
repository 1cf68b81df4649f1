package org.plezi.jakarta.internal.connection;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.plezi.jakarta.internal.bus.IdentityStore;
import org.plezi.jakarta.internal.bus.Message;

/**
 * One connection's side of its identity mailboxes: which identities it holds and, for each, the
 * number of the last message it got. Keeps each identity's messages in order across servers: a
 * message that arrives ahead of a missing one makes the connection read the mailbox instead. Called
 * from the connection's inbox tasks, one at a time.
 */
final class ConnectionMail {
  /** What the mailbox needs of its connection. */
  interface Receiver {
    /** Calls an event method on the controller (already under the connection's rules). */
    void event(String event, List<Object> args);

    /** Whether the connection is still open, so that what it got counts as delivered. */
    boolean isOpen();

    /** Runs a task later, in the connection's inbox. */
    void later(Runnable task);
  }

  /** Mailbox messages read per inbox turn while draining a backlog. */
  static final int PAGE = 256;

  private final IdentityStore store;
  private final Receiver receiver;

  /**
   * Identity to the number of the last message handed over (-1: mailbox not read yet). Moved on by
   * the inbox tasks, one at a time; entries are also added by the thread that registers this
   * connection and removed by the one that registers a newer connection: a concurrent map.
   */
  private final Map<String, Long> cursors = new ConcurrentHashMap<>();

  ConnectionMail(IdentityStore store, Receiver receiver) {
    this.store = store;
    this.receiver = receiver;
  }

  /** The connection now holds {@code identity}: its mailbox is read next, in order. */
  void registered(String identity) {
    cursors.putIfAbsent(identity, -1L);
    receiver.later(() -> drain(identity));
  }

  /** The connection lost {@code identity} to newer connections. */
  void unregistered(String identity) {
    cursors.remove(identity);
  }

  Set<String> identities() {
    return cursors.keySet();
  }

  /** An identity's message sent straight to this connection when it was notified. */
  void receive(Message message) {
    Message.Mail mail = message.mail();
    Long cursor = cursors.get(mail.identity());
    if (cursor == null || mail.seq() <= cursor) {
      return; // not (or no longer) holding that identity, or already handed over
    }
    if (cursor < 0 || mail.seq() > cursor + 1) {
      drain(mail.identity()); // earlier messages are still waiting: keep the order
      return;
    }
    receiver.event(message.event(), message.args());
    cursors.replace(mail.identity(), mail.seq());
    if (receiver.isOpen()) { // a closing connection keeps nothing: leave it for the next one
      store.delivered(mail.identity(), mail.seq());
    }
  }

  /** Hands the connection the next page of an identity's mailbox, oldest first. */
  void drain(String identity) {
    Long cursor = cursors.get(identity);
    if (cursor == null) {
      return;
    }
    IdentityStore.Page page = store.read(identity, Math.max(cursor, 0), PAGE);
    if (page == null) {
      cursors.remove(identity); // expired
      return;
    }
    long last = Math.max(cursor, 0);
    for (IdentityStore.Entry entry : page.entries()) {
      receiver.event(entry.event(), entry.args());
      last = entry.seq();
    }
    if (page.entries().isEmpty()) {
      last = Math.max(last, page.newest());
    } else if (receiver.isOpen()) {
      store.delivered(identity, last);
    }
    cursors.replace(identity, last);
    if (page.entries().size() == PAGE) {
      receiver.later(() -> drain(identity));
    }
  }
}
