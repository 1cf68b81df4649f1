package org.plezi.jakarta.internal.event;

import org.plezi.jakarta.Controller;
import org.plezi.jakarta.internal.metrics.RouteMetrics;

/**
 * Takes over a connection's text frames instead of {@code onMessage(String)} (the JSON dispatcher
 * of {@link org.plezi.jakarta.AutoDispatch} controllers); one per controller class, shared by its
 * connections, so implementations are thread-safe. Called on the container's thread, one frame of a
 * connection at a time; implementations run controller code through {@link Target#invoke} so that
 * callbacks never overlap.
 */
public interface TextDispatcher {
  /**
   * The connection a frame came from, as a dispatcher sees it; implemented by {@code Connection}.
   */
  interface Target {
    /** The connection's controller. */
    Controller controller();

    /** Queues a text frame to the client; never blocks. */
    boolean sendText(String text);

    /**
     * Runs controller code under the connection's callback lock; the single place where controller
     * exceptions are caught and logged.
     *
     * @param callback names the code in the log line if it throws
     * @return whether it returned normally
     */
    boolean invoke(String callback, Runnable action);

    /** The counts of the connection's route (events dispatched, failed, rejected). */
    RouteMetrics metrics();

    /** The client confirmed an identity's mailbox messages up to {@code seq} (issue 18). */
    void confirmMail(String identity, long seq);

    /**
     * The client last saw {@code offsets[i]} of {@code epochs[i]} in {@code channels[i]}, and asks
     * for what it missed there (issue 18). Nothing is done unless every name and epoch is valid.
     *
     * @return null when done, else why the request was refused
     */
    String recoverChannels(String[] channels, String[] epochs, long[] offsets);
  }

  /** Handles one text frame; never throws. */
  void receive(Target connection, String text);

  /**
   * An event method's return value as the text to write to the client, as for client events: a
   * String as it is, anything else encoded; null for null.
   */
  String render(Object result);
}
