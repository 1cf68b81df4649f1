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
}
