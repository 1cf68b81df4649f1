package org.plezi.jakarta;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method as an event: the only kind of method that a client's JSON message or a
 * message from another connection (multicast, broadcast, unicast, notify) can call. Nothing else is
 * reachable from the wire: not callbacks, not methods inherited from {@link Controller} or {@link
 * Object}, not unannotated methods, whatever their visibility.
 *
 * <p>The event's name is {@link #value()}, or the method's name when empty. Names are unique per
 * controller class (a subclass may override an event method; it stays an event). The method must
 * not be static, nor a {@link Controller} callback. Events are resolved once per class when the
 * route is registered; a broken event method fails the deployment naming {@code Class#method}.
 *
 * <p>Which parameter forms a client's JSON can call, and what it gets back, is described by {@link
 * AutoDispatch}; an event method whose parameters fit none of those forms is still an event for
 * messages between connections.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Event {
  /** The event's name; the method's name when empty. */
  String value() default "";

  /**
   * Who may call the event: {@link Caller#CLIENT} (this connection's own client, through an {@link
   * AutoDispatch} JSON message), {@link Caller#SERVER} (other connections, a {@link Messenger},
   * identity mail, and the cluster bus), or both. A call from a caller not listed never reaches the
   * method: a client gets {@code {"event":"err","status":405,"result":"not callable by
   * clients",...}}, a server-side message is dropped and logged (rate-limited).
   *
   * <p>The default is {@link Caller#SERVER} only: what a client may call is what its controller
   * declares with {@code from = Caller.CLIENT}. The client is the least trusted caller (any page
   * script), so reaching a method from it is an explicit decision, and an event meant for the
   * client alone (a login, a logout) declared {@code from = Caller.CLIENT} can no longer be called
   * by the bus, where any program that can publish on the Redis channel is a caller. Forgetting it
   * fails closed and visibly: the client gets the 405 above.
   *
   * <p>Deployment errors: an empty list; {@code CLIENT} on a controller without {@link
   * AutoDispatch} (its clients call no events); {@code CLIENT} on a method whose parameters take no
   * JSON message.
   */
  Caller[] from() default {Caller.SERVER};
}
