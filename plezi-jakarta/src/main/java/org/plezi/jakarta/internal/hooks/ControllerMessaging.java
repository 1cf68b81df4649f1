package org.plezi.jakarta.internal.hooks;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.plezi.jakarta.ChannelMode;
import org.plezi.jakarta.Controller;

/**
 * What a controller class sends through: the controller forms of multicast, broadcast, unicast and
 * notify. One per routed class, shared by its instances, implemented by the delivery layer; bound
 * to each controller when it is made. Thread-safe.
 *
 * <p>{@code skip} is the sending connection, which the forms leave out; null (a controller serving
 * a plain HTTP request) leaves out none. Every method throws {@link IllegalArgumentException} for
 * an event name or arguments that cannot travel (see {@link org.plezi.jakarta.Messenger}), and
 * {@link IllegalStateException} before the application has started.
 */
public interface ControllerMessaging {
  /** Every connection of every controller on every server. */
  void multicast(ControllerConnection skip, String event, Object[] args);

  /** Every connection of this controller's own route class (and subclasses), on every server. */
  void broadcast(ControllerConnection skip, String event, Object[] args);

  /** Every connection of {@code target} (and subclasses), on every server. */
  void broadcast(
      ControllerConnection skip, Class<? extends Controller> target, String event, Object[] args);

  /** One connection by uuid; a failure runs this class's failed-unicast callback. */
  void unicast(String uuid, String event, Object[] args);

  /** Leaves a message for an identity; whether the identity is alive. */
  boolean notify(String identity, String event, Object[] args);

  /** Subscribes a connection to a channel (issue 17). */
  void subscribe(ControllerConnection connection, String channel, ChannelMode mode);

  /** Takes a connection out of a channel. */
  void unsubscribe(ControllerConnection connection, String channel);

  /**
   * A controller's request to recover a channel from a position (issue 18).
   *
   * @throws IllegalArgumentException for a bad channel name, epoch or offset
   */
  void recoverChannel(ControllerConnection connection, String channel, String epoch, long offset);

  /** An event to a channel's {@code EVENT} subscribers, on every server. */
  void publish(ControllerConnection skip, String channel, String event, Object[] args);

  /** Tracks a connection in a channel's presence. */
  void track(ControllerConnection connection, String channel, Map<String, String> metadata);

  /** Stops tracking a connection in a channel's presence. */
  void untrack(ControllerConnection connection, String channel);

  /** A channel's members cluster-wide. */
  CompletionStage<Map<String, Map<String, String>>> presence(String channel);

  /** Text to a channel's {@code RAW} subscribers, on every server. */
  void publishRaw(ControllerConnection skip, String channel, String text);
}
