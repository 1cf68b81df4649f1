package org.plezi.jakarta.cdi.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.plezi.jakarta.Messenger;

/** An ordinary bean that reaches the room's connections on every server through the Messenger. */
@ApplicationScoped
public class RoomAnnouncer {
  @Inject Messenger messenger;

  public void announce(String text) {
    messenger.broadcast(ClusterRoom.class, "said", text);
  }
}
