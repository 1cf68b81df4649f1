package org.plezi.jakarta.internal.connection;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection's client acknowledgements of its identities' mailbox messages (issue 18): per
 * identity, the number of the last message the client confirmed, and whether handing more waits for
 * it. At most {@link #WINDOW} messages of an identity are handed over unconfirmed; the rest wait in
 * the mailbox (so a client that stops reading holds a bounded amount of its mail in the outbound
 * queue, and what the queue drops is handed again on the next registration). Inbox tasks use it one
 * at a time; entries are also removed by the thread that registers a newer connection: concurrent
 * maps.
 */
final class AckWindow {
  /** Messages of one identity handed over and not yet confirmed, at most. */
  static final int WINDOW = ConnectionMail.PAGE;

  /** Identity to the number of the last confirmed message (or the one before the first handed). */
  private final Map<String, Long> confirmed = new ConcurrentHashMap<>();

  /** Identities whose mailbox reading waits for a confirmation. */
  private final Set<String> parked = ConcurrentHashMap.newKeySet();

  /** A message numbered {@code seq} is being handed over. */
  void handing(String identity, long seq) {
    confirmed.putIfAbsent(identity, seq - 1);
  }

  /** Whether {@code handed} (the last number handed over) is a full window ahead. */
  boolean full(String identity, long handed) {
    return room(identity, handed) == 0;
  }

  /** How many more messages may be handed over before the window is full. */
  long room(String identity, long handed) {
    Long last = confirmed.get(identity);
    return last == null || handed < 0 ? WINDOW : Math.max(0, WINDOW - (handed - last));
  }

  /** Reading {@code identity}'s mailbox waits for the client's next confirmation. */
  void park(String identity) {
    parked.add(identity);
  }

  /**
   * The client confirmed messages up to {@code seq}.
   *
   * @return whether reading the mailbox was waiting for it and may go on
   */
  boolean confirm(String identity, long seq) {
    confirmed.merge(identity, seq, Math::max);
    return parked.remove(identity);
  }

  /** The last confirmed number; 0 when none. */
  long confirmed(String identity) {
    Long last = confirmed.get(identity);
    return last == null ? 0 : last;
  }

  void forget(String identity) {
    confirmed.remove(identity);
    parked.remove(identity);
  }
}
