package org.plezi.jakarta.internal.event;

import org.plezi.jakarta.internal.connection.Connection;

/**
 * Takes over a connection's text frames instead of {@code onMessage(String)}; one per controller
 * class, shared by its connections, so implementations are thread-safe. Called on the container's
 * thread, one frame of a connection at a time; implementations run controller code through {@link
 * Connection#invoke} so callbacks never overlap.
 */
interface TextDispatcher {
  /** Handles one text frame; never throws. */
  void receive(Connection connection, String text);

  /**
   * An event method's return value as the text to write to the client, as for client events: a
   * String as it is, anything else encoded; null for null.
   */
  String render(Object result);
}
