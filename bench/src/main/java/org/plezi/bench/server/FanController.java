package org.plezi.bench.server;

import java.util.concurrent.atomic.AtomicInteger;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/** The library side of every scenario: an event that writes its payload to the client. */
@Route("/plezi")
public class FanController extends Controller {
  /**
   * Connections open on this server: counted from onOpen, from when the library delivers broadcasts
   * to them, to onClose.
   */
  private static final AtomicInteger OPEN = new AtomicInteger();

  /** How many connections are open, for the control protocol's {@code COUNT plezi}. */
  static int open() {
    return OPEN.get();
  }

  @Override
  protected void onOpen() {
    OPEN.incrementAndGet();
  }

  @Override
  protected void onClose(int code, String reason) {
    OPEN.decrementAndGet();
  }

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
