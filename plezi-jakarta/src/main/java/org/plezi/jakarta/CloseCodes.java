package org.plezi.jakarta;

/**
 * The websocket close codes this library sends, besides the ones a controller chooses with {@link
 * Controller#close(int, String)}.
 *
 * <p>Codes below 4000 are the standard ones of RFC 6455; codes 4000 to 4099 are this library's own.
 */
public final class CloseCodes {
  /** The application is being undeployed or the server stops (after {@code onShutdown}). */
  public static final int GOING_AWAY = 1001;

  /**
   * A frame of a kind the controller does not handle (binary to a text-only controller, or back).
   */
  public static final int UNSUPPORTED_DATA = 1003;

  /** An inbound message larger than {@code plezi.message.maxBytes}. */
  public static final int MESSAGE_TOO_BIG = 1009;

  /** {@link Controller#onOpen()} threw: the controller may be half initialised, so it is closed. */
  public static final int INTERNAL_ERROR = 1011;

  /**
   * The connection's outbound queue held more than {@code plezi.outbound.maxBytes}: the client does
   * not read as fast as it is written to. Pending frames are dropped.
   */
  public static final int OUTBOUND_OVERFLOW = 4001;

  /**
   * More than {@code plezi.inbox.maxMessages} events from other connections waited for this
   * connection's controller: it does not keep up with what is sent to it.
   */
  public static final int INBOX_OVERFLOW = 4002;

  /**
   * The client sent more messages than {@code plezi.inbound.messagesPerSecond} allows (with {@code
   * plezi.inbound.burst}); further frames are ignored. Off unless that setting is set. (#16)
   */
  public static final int RATE_LIMITED = 4008;

  /**
   * The connection sent nothing (no frame, no pong) within {@code plezi.ping.timeoutMillis} of a
   * ping, sent after {@code plezi.ping.intervalMillis} of silence: the path to the client is dead
   * (a lost network, a closed laptop lid). Its identities are released at once, without waiting for
   * the close handshake. (#18)
   */
  public static final int HEARTBEAT_TIMEOUT = 4009;

  /**
   * The client sent no application frame for {@code plezi.idle.timeoutMillis} (off unless set);
   * pongs and the JavaScript client's heartbeats do not count. (#18)
   */
  public static final int IDLE_TIMEOUT = 4010;

  private CloseCodes() {}
}
