package org.plezi.bench.server;

import java.util.concurrent.atomic.AtomicInteger;
import org.plezi.jakarta.ChannelMode;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;

/**
 * The channels scenario's RAW subscribers: each connection subscribes to {@link #CHANNEL} when it
 * opens; the library writes published text to it unchanged, with no controller call.
 */
@Route("/chraw")
public class ChannelRawController extends Controller {
  /** The channel the bench publishes raw text to. */
  static final String CHANNEL = "bench.raw";

  private static final AtomicInteger OPEN = new AtomicInteger();

  /** Connections open and subscribed, for the control protocol's {@code COUNT chraw}. */
  static int open() {
    return OPEN.get();
  }

  @Override
  protected void onOpen() {
    subscribe(CHANNEL, ChannelMode.RAW);
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
