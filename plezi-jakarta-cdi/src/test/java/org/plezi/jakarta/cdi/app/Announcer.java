package org.plezi.jakarta.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.plezi.jakarta.Messenger;

/** An ordinary bean that reaches websocket clients through the injected Messenger. */
@ApplicationScoped
public class Announcer {
  @Inject Messenger messenger;

  public void announce(String text) {
    messenger.broadcast(GreetingController.class, "announced", text);
  }

  public boolean mail(String identity, String text) {
    return messenger.notify(identity, "announced", text);
  }
}
