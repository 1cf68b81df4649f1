package org.plezi.jakarta.internal.connection;

import jakarta.websocket.Session;

/**
 * What Plezi sets on each Jakarta session when it opens: the inbound message limit (not on Tomcat,
 * see {@link #configure}), and on Tomcat (other containers ignore them) how long a stalled client
 * may hold the socket while it is closed.
 */
final class Sessions {
  /** Tomcat's per-session limit on blocking sends, which include the close frame. */
  private static final String TOMCAT_BLOCKING_SEND_TIMEOUT =
      "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

  /** How long Tomcat waits for the peer's close frame before dropping the socket (default 30 s). */
  private static final String TOMCAT_SESSION_CLOSE_TIMEOUT =
      "org.apache.tomcat.websocket.SESSION_CLOSE_TIMEOUT";

  /**
   * A client that does not answer a close within this time is dropped (Tomcat only). Boxed once:
   * every session's properties hold it, and a Long of 5000 is not one the JDK caches.
   */
  private static final Long CLOSE_TIMEOUT_MILLIS = 5_000L;

  private Sessions() {}

  /**
   * Tomcat's sessions keep their message buffer sizes: Tomcat allocates each session's buffer at
   * that size on its first message of the kind and keeps it for the session's life, so raising it
   * to {@code maxMessage} (64 KiB by default) cost every connection that had sent one text frame
   * 128 KB of heap. The endpoint's partial handlers take longer messages in parts ({@link
   * InboundParts} joins them and applies {@code maxMessage}). Other containers get the limit: they
   * allocate per message, and some apply the session's limit to partial handlers too.
   *
   * @param maxMessage the largest inbound message, in chars for text and bytes for binary
   */
  static void configure(Session session, int maxMessage) {
    if (!isTomcat(session)) {
      session.setMaxTextMessageBufferSize(maxMessage);
      session.setMaxBinaryMessageBufferSize(maxMessage);
    }
    session.getUserProperties().putIfAbsent(TOMCAT_BLOCKING_SEND_TIMEOUT, CLOSE_TIMEOUT_MILLIS);
    session.getUserProperties().putIfAbsent(TOMCAT_SESSION_CLOSE_TIMEOUT, CLOSE_TIMEOUT_MILLIS);
  }

  /** Tomcat's sessions, and those of the servers built on it (TomEE). */
  static boolean isTomcat(Session session) {
    return session.getClass().getName().startsWith("org.apache.tomcat.websocket.");
  }
}
