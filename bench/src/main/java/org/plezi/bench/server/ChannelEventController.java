package org.plezi.bench.server;

import java.util.concurrent.atomic.AtomicInteger;
import org.plezi.jakarta.ChannelMode;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Route;

/**
 * The channels scenario's EVENT subscribers: each connection subscribes to {@link #CHANNEL} when it
 * opens, and its {@code fan} event writes the published text, as {@link FanController} does for a
 * class broadcast.
 */
@Route("/chevent")
public class ChannelEventController extends Controller {
  /** The channel the bench publishes events to. */
  static final String CHANNEL = "bench.event";

  private static final AtomicInteger OPEN = new AtomicInteger();

  /** Connections open and subscribed, for the control protocol's {@code COUNT chevent}. */
  static int open() {
    return OPEN.get();
  }

  @Override
  protected void onOpen() {
    subscribe(CHANNEL, ChannelMode.EVENT);
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

  /** Unused by the scenario; a controller needs a message handler to accept upgrades. */
  @Override
  protected void onMessage(String text) {
    write(text);
  }
}
