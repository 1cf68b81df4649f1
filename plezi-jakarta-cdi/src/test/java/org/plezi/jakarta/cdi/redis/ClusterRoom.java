package org.plezi.jakarta.cdi.redis;

import jakarta.enterprise.context.Dependent;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/** A room across servers: each text is broadcast to the room's other connections, anywhere. */
@Route("/room")
@Dependent
public class ClusterRoom extends Controller {
  @Override
  protected void onOpen() {
    write("joined");
  }

  @Override
  protected void onMessage(String text) {
    broadcast("said", text);
  }

  @Event
  void said(String text) {
    write("said " + text);
  }
}
