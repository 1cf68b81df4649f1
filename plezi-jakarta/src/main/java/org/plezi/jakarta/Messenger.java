package org.plezi.jakarta;

import java.util.concurrent.CompletionStage;

/**
 * Sends events to connections from anywhere: a servlet, a timer, a REST resource, an EJB. Obtain it
 * with {@link Plezi#messenger(jakarta.servlet.ServletContext)} (or inject it with the CDI module).
 * Thread-safe; no method blocks on a client or on the network.
 *
 * <p>An event is delivered by calling the receiving controller's {@link Event} method of that name
 * with the arguments, converted to its parameter types where nothing is lost (an integer to {@code
 * int}, {@code long}, {@code double}; a list to a {@code List<Integer>}; a string to an enum
 * constant; ...). A message that fits no method is logged and dropped. Arguments must be core
 * values: {@code String}, integer and floating-point numbers, {@code Boolean}, {@code null}, {@code
 * List}, {@code Set}, {@code Map} with {@code String} keys, and {@code java.time} values (a {@code
 * java.util.Date} travels as an {@code Instant}); anything else is refused with {@link
 * IllegalArgumentException} when sending. Arguments are copied once per send and every receiver
 * sees the same immutable copy. On a Redis cluster a multicast, broadcast or unicast whose encoded
 * message exceeds {@code plezi.bus.maxMessageBytes} (default 1 MiB) is refused the same way, with
 * nothing delivered anywhere, before anything reaches Redis.
 *
 * <p>Events to one connection run one at a time, in the order they were sent from one thread, and
 * never at the same time as that connection's other callbacks. Unlike the forms on {@link
 * Controller}, these skip no connection.
 *
 * <p>Every method throws {@link IllegalStateException} when called before the web application has
 * started (while its {@code ServletContextListener}s run): the bus is chosen last.
 */
public interface Messenger {
  /** Every connection of every controller, on every server. */
  void multicast(String event, Object... args);

  /** Every connection of {@code target} and its subclasses, on every server. */
  void broadcast(Class<? extends Controller> target, String event, Object... args);

  /**
   * One connection, by its {@link Controller#uuid()}, on whichever server holds it.
   *
   * @return completes with {@code true} once the target's server has queued the event for the live
   *     connection, {@code false} if the connection (or its server) is gone; on a cluster it may
   *     also complete exceptionally with a {@link java.util.concurrent.TimeoutException} when no
   *     answer comes in time. Never completes on the caller's thread with a blocking wait.
   */
  CompletionStage<Boolean> unicast(String uuid, String event, Object... args);

  /**
   * Leaves a message for an identity (see {@link Controller#registerAs(String, java.time.Duration,
   * int)}): stored in its mailbox and handed at once to its connections on any server, or on its
   * next registration when none is connected. Messages of one identity arrive in the order they
   * were notified, at least once. With a Redis cluster this waits for one Redis round trip.
   *
   * @return {@code true} if the identity is alive (registered and not expired), {@code false} if
   *     not, in which case nothing is stored
   * @throws IllegalArgumentException for an identity that is empty, longer than 256 characters or
   *     holds control characters, or arguments that are not core values
   * @throws IllegalStateException when the cluster's store cannot be reached
   */
  boolean notify(String identity, String event, Object... args);

  /**
   * Calls {@code event} on every connection subscribed to {@code channel} in {@link
   * ChannelMode#EVENT} mode, on every server (see {@link Controller#subscribe(String)}).
   *
   * @throws IllegalArgumentException for a bad channel name, event name or argument
   */
  void publish(String channel, String event, Object... args);

  /**
   * Writes {@code text} as it is to every connection subscribed to {@code channel} in {@link
   * ChannelMode#RAW} mode, on every server, with no controller call.
   *
   * @throws IllegalArgumentException for a bad channel name, or text over 1 MiB of UTF-8
   */
  void publishRaw(String channel, String text);

  /**
   * Who is present in {@code channel}, cluster-wide (see {@link Controller#track}): each member (an
   * identity, or a connection uuid) with its metadata, at most 10,000. Completes on a Redis thread
   * in a cluster: do not block in its stages; it fails while Redis cannot be reached.
   *
   * @throws IllegalArgumentException for a bad channel name
   */
  java.util.concurrent.CompletionStage<java.util.Map<String, java.util.Map<String, String>>>
      presence(String channel);
}
