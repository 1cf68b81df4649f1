package org.plezi.bench.server;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.ArrayDeque;

/**
 * The baseline's per-session send queue: what a careful application writes by hand on plain Jakarta
 * WebSocket. At most one asynchronous send in flight (the API forbids concurrent ones), the next
 * started from the completion. All state is guarded by this.
 */
final class RawPeer implements SendHandler {
  private final Session session;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private boolean sending;

  RawPeer(Session session) {
    this.session = session;
  }

  /** Queues a text frame; never blocks. */
  void send(String text) {
    synchronized (this) {
      if (sending) {
        queue.add(text);
        return;
      }
      sending = true;
    }
    start(text);
  }

  private void start(String text) {
    try {
      session.getAsyncRemote().sendText(text, this);
    } catch (RuntimeException e) {
      onResult(new SendResult(e));
    }
  }

  @Override
  public void onResult(SendResult result) {
    String next;
    synchronized (this) {
      if (!result.isOK()) {
        queue.clear();
      }
      next = queue.poll();
      sending = next != null;
    }
    if (next != null) {
      start(next);
    }
  }
}
