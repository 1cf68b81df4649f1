package org.plezi.bench.server;

import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/** The library side of every scenario: an event that writes its payload to the client. */
@Route("/plezi")
public class FanController extends Controller {
  @Event
  void fan(String payload) {
    write(payload);
  }

  /** Echo; unused by the scenarios, but a controller needs a message handler to accept upgrades. */
  @Override
  protected void onMessage(String text) {
    write(text);
  }
}
