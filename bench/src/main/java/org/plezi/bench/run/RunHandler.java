package org.plezi.bench.run;

import java.util.concurrent.atomic.AtomicLong;
import org.plezi.bench.client.LoadClient;
import org.plezi.bench.client.WsConnection;

/**
 * A group's handler for its whole life: hands each message to the current run's tracker, and counts
 * messages that arrive between runs (there should be none).
 */
final class RunHandler implements LoadClient.Handler {
  private volatile LoadClient.Handler run;
  private final AtomicLong stray = new AtomicLong();

  void start(LoadClient.Handler tracker) {
    run = tracker;
  }

  void stop() {
    run = null;
  }

  /** Messages received while no run was going on. */
  long stray() {
    return stray.get();
  }

  @Override
  public void onMessage(
      WsConnection connection, byte[] data, int offset, int length, long receivedNanos) {
    LoadClient.Handler current = run;
    if (current == null) {
      stray.incrementAndGet();
    } else {
      current.onMessage(connection, data, offset, length, receivedNanos);
    }
  }
}
