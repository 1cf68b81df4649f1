package org.plezi.bench.server;

import java.util.concurrent.atomic.AtomicInteger;
import org.plezi.bench.Shootout;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/**
 * The library side of the websocket-shootout workload (issue 15), written as a user would: a
 * broadcast frame goes to every other connection through {@code broadcast("shout", msg)}, and to
 * the sender itself with {@code write(msg)}, followed by its {@code broadcastResult}; an echo frame
 * is written back.
 */
@Route("/ws")
public class ShootoutController extends Controller {
  /** Connections open, from onOpen (when broadcasts reach them) to onClose. */
  private static final AtomicInteger OPEN = new AtomicInteger();

  /** For the control protocol's {@code COUNT ws}. */
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

  @Override
  protected void onMessage(String text) {
    switch (Shootout.type(text)) {
      case BROADCAST -> {
        broadcast("shout", text);
        write(text); // broadcast skips the sender, which gets its own copy too
        write(Shootout.result(text));
      }
      case ECHO -> write(text);
      default -> {
        // not part of the workload: ignored, as on the raw side
      }
    }
  }

  @Event
  void shout(String message) {
    write(message);
  }
}
