package org.plezi.jakarta.cdi.payara;

import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.plezi.jakarta.Messenger;

/** A singleton session bean that leaves mail for an identity through the injected Messenger. */
@Singleton
public class Mailroom {
  @Inject Messenger messenger;

  /** Whether the identity was alive (then the mail is in its mailbox, or already delivered). */
  public boolean send(String identity, String text) {
    return messenger.notify(identity, "mail", text);
  }
}
