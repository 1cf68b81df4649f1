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
    /**
     * Calls an event method on the controller (already under the connection's rules) for message
     * {@code seq} of {@code identity}.
     */
    void event(String identity, long seq, String event, List<Object> args);

    /** Whether the connection is still open, so that what it got counts as delivered. */
    boolean isOpen();

    /** Runs a task later, in the connection's inbox. */
    void later(Runnable task);

    /**
     * {@code messages} were handed over while the connection was open, and leave the mailbox: what
     * the metrics count as delivered (a message a closing connection got stays for the next).
     */
    void delivered(int messages);

    /**
     * Holds the connection's outbound frames until {@link #release()}: a server-confirmed message's
     * writes reach the client only once the store counted it delivered.
     */
    void hold();

    /** Ends a {@link #hold()}; always called, in a finally. */
    void release();
  }

  /** Mailbox messages read per inbox turn while draining a backlog. */
  static final int PAGE = 256;

  private final IdentityStore store;
  private final Receiver receiver;

  /**
   * Issue 18: null when a message counts as delivered once its event method ran on an open
   * connection (server-confirmed); else the client's confirmations, which alone remove messages.
   */
  private final AckWindow acks;

  /**
   * Identity to the number of the last message handed over (-1: mailbox not read yet). Moved on by
   * the inbox tasks, one at a time; entries are also added by the thread that registers this
   * connection and removed by the one that registers a newer connection: a concurrent map.
   */
  private final Map<String, Long> cursors = new ConcurrentHashMap<>();

  /** The terms of this connection's registration of an identity, to write it again (#21). */
  record Terms(long lifetimeMillis, int maxConnections) {}

  /** Identity to the terms it was registered with; same life as {@link #cursors}' entries. */
  private final Map<String, Terms> terms = new ConcurrentHashMap<>();

  ConnectionMail(IdentityStore store, Receiver receiver, boolean clientConfirms) {
    this.store = store;
    this.receiver = receiver;
    this.acks = clientConfirms ? new AckWindow() : null;
  }

  /** Whether the client confirms this connection's mail (issue 18). */
  boolean clientConfirms() {
    return acks != null;
  }

  /**
   * The client confirmed {@code identity}'s messages up to {@code seq} (issue 18): removes them
   * from the mailbox, and reads on if reading waited for it. Inbox task.
   *
   * @return false when the confirmation does not fit (an identity not held, a number not handed
   *     over), which changes nothing
   */
  boolean confirmed(String identity, long seq) {
    Long handed = cursors.get(identity);
    if (acks == null || handed == null || seq <= 0 || seq > handed) {
      return false;
    }
    if (seq <= acks.confirmed(identity)) {
      return true; // a repeat: already removed
    }
    long before = acks.confirmed(identity);
    boolean resume = acks.confirm(identity, seq);
    store.delivered(identity, seq);
    receiver.delivered((int) Math.min(Integer.MAX_VALUE, seq - before)); // numbers are contiguous
    if (resume) {
      drain(identity);
    }
    return true;
  }

  /** The connection now holds {@code identity}: its mailbox is read next, in order. */
  void registered(String identity, long lifetimeMillis, int maxConnections) {
    terms.put(identity, new Terms(lifetimeMillis, maxConnections));
    cursors.putIfAbsent(identity, -1L);
    receiver.later(() -> drain(identity));
  }

  /** The connection lost {@code identity} to newer connections. */
  void unregistered(String identity) {
    cursors.remove(identity);
    terms.remove(identity);
    if (acks != null) {
      acks.forget(identity);
    }
  }

  /** The terms of a held identity; null when not held. */
  Terms terms(String identity) {
    return cursors.containsKey(identity) ? terms.get(identity) : null;
  }

  /** The number of the last message of {@code identity} handed over (0: none yet). */
  long cursor(String identity) {
    Long cursor = cursors.get(identity);
    return cursor == null ? 0 : Math.max(0, cursor);
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
    if (acks != null && acks.full(mail.identity(), cursor)) {
      acks.park(mail.identity()); // it waits in the mailbox for the client to catch up
      return;
    }
    boolean holding = acks == null; // server-confirmed: the event's writes wait for the count
    if (holding) {
      receiver.hold();
    }
    try {
      hand(mail.identity(), mail.seq(), message.event(), message.args());
      cursors.replace(mail.identity(), mail.seq());
      if (holding && receiver.isOpen()) { // a closing connection keeps nothing
        store.delivered(mail.identity(), mail.seq());
        receiver.delivered(1);
      }
    } finally {
      if (holding) {
        receiver.release();
      }
    }
  }

  private void hand(String identity, long seq, String event, List<Object> args) {
    if (acks != null) {
      acks.handing(identity, seq);
    }
    receiver.event(identity, seq, event, args);
  }

  /** Hands the connection the next page of an identity's mailbox, oldest first. */
  void drain(String identity) {
    Long cursor = cursors.get(identity);
    if (cursor == null) {
      return;
    }
    if (acks != null && acks.full(identity, cursor)) {
      acks.park(identity); // the client's next confirmation reads on
      return;
    }
    int room = acks == null ? PAGE : (int) Math.min(PAGE, acks.room(identity, cursor));
    IdentityStore.Page page = store.read(identity, Math.max(cursor, 0), room);
    if (page == null) {
      cursors.remove(identity); // expired
      return;
    }
    long last = Math.max(cursor, 0);
    boolean holding = acks == null && !page.entries().isEmpty();
    if (holding) {
      receiver.hold(); // as in receive: the page's writes wait for its count
    }
    try {
      for (IdentityStore.Entry entry : page.entries()) {
        hand(identity, entry.seq(), entry.event(), entry.args());
        last = entry.seq();
      }
      if (page.entries().isEmpty()) {
        last = Math.max(last, page.newest());
      } else if (acks == null && receiver.isOpen()) {
        store.delivered(identity, last);
        receiver.delivered(page.entries().size());
      }
    } finally {
      if (holding) {
        receiver.release();
      }
    }
    cursors.replace(identity, last);
    if (page.entries().size() == room) {
      receiver.later(() -> drain(identity));
    }
  }
}
