package org.plezi.jakarta;

/**
 * Who calls an {@link Event} method, as {@code @Event(from = ...)} names the callers an event
 * accepts. A call from a caller the event does not accept never reaches the method.
 */
public enum Caller {
  /**
   * The connection's own client, through a JSON message to an {@link AutoDispatch} controller.
   * Anyone who can open the websocket is such a caller: treat what it sends as untrusted input.
   * Refused calls are answered {@code {"event":"err","status":405,...}}.
   */
  CLIENT,

  /**
   * Everything on the server side: other connections' {@code multicast}, {@code broadcast} and
   * {@code unicast}, a {@link Messenger}, an identity's mail ({@code notify}), and the cluster bus,
   * which carries those between servers. On the bus that includes any program that can publish on
   * the cluster's Redis channel. Refused calls are dropped and logged (at most one line a second).
   */
  SERVER
}
