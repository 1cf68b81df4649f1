package org.plezi.jakarta.cdi.app;

import jakarta.enterprise.context.Dependent;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/** An intercepted controller bean that broadcasts what it receives to the others of its class. */
@Route("/room")
@Dependent
public class RoomController extends Controller {
  /** Written once the connection is registered: from then on it receives the room's broadcasts. */
  @Override
  protected void onOpen() {
    write("joined");
  }

  @Audited
  @Override
  protected void onMessage(String text) {
    broadcast("said", text);
  }

  @Event
  public void said(String text) {
    write("said " + text);
  }
}
