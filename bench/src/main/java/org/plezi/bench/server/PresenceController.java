package org.plezi.bench.server;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;

/**
 * The presence read's members: each connection (anonymous, so a member of its own, named by its
 * uuid) is tracked on {@link #CHANNEL} when it opens.
 */
@Route("/presence")
public class PresenceController extends Controller {
  /** The channel whose presence the bench reads. */
  static final String CHANNEL = "bench.presence";

  private static final AtomicInteger OPEN = new AtomicInteger();

  /** Connections open and tracked, for the control protocol's {@code COUNT presence}. */
  static int open() {
    return OPEN.get();
  }

  @Override
  protected void onOpen() {
    track(CHANNEL, Map.of("role", "bench"));
    OPEN.incrementAndGet();
  }

  @Override
  protected void onClose(int code, String reason) {
    OPEN.decrementAndGet();
  }

  /** Unused by the scenario; a controller needs a message handler to accept upgrades. */
  @Override
  protected void onMessage(String text) {
    write(text);
  }
}
