package org.plezi.jakarta.internal.delivery;

import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.IdentityStore;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.connection.Identities;
import org.plezi.jakarta.internal.metrics.MailboxMetrics;

/**
 * Sends to identities: stores a message in a live identity's mailbox, then hands it at once to the
 * identity's connections, on this server through their inboxes and on others over the bus. A
 * message that does not get through waits in the mailbox for the connection's next read, so every
 * message arrives at least once and in order (see {@code ConnectionMail}). Thread-safe.
 */
final class Mailboxes {
  private final String serverUuid;
  private final Messages messages;
  private final Identities identities;
  private final Bus bus;

  Mailboxes(String serverUuid, Messages messages, Identities identities, Bus bus) {
    this.serverUuid = serverUuid;
    this.messages = messages;
    this.identities = identities;
    this.bus = bus;
  }

  /**
   * Stores a message for a live identity and hands it to its connections on any server. Waits for
   * the store: one Redis round trip in a cluster.
   *
   * @return whether the identity is alive (registered and not expired)
   * @throws IllegalArgumentException for a bad identity or arguments that are not core values
   */
  boolean notify(String identity, String event, Object[] args) {
    Identities.check(identity);
    Message message = messages.multicast(event, args);
    IdentityStore.Appended appended = identities.store().append(identity, event, message.args());
    MailboxMetrics counts = identities.mailboxMetrics();
    if (appended == null) {
      counts.missed();
      return false;
    }
    counts.appended();
    counts.dropped(appended.dropped());
    Message.Mail mail = new Message.Mail(identity, appended.seq());
    for (String uuid : appended.connections()) {
      if (uuid.length() <= 36) {
        continue;
      }
      Message addressed = message.asMail(uuid.substring(0, 36), uuid.substring(36), mail);
      if (uuid.startsWith(serverUuid)) {
        Connection target = identities.local(uuid);
        if (target != null) {
          target.deliver(addressed);
        }
      } else {
        try {
          bus.send(addressed); // if it fails, the message waits in the mailbox
        } catch (IllegalArgumentException e) {
          // too large for the bus once addressed (logged by the bus): it waits in the mailbox too
        }
      }
    }
    return true;
  }
}
