package org.plezi.jakarta.cdi.payara;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.plezi.jakarta.Messenger;

/** A stateless session bean that broadcasts to every reader through the injected Messenger. */
@Stateless
public class NewsDesk {
  @Inject Messenger messenger;

  public void publish(String text) {
    messenger.broadcast(NewsController.class, "news", text);
  }
}
