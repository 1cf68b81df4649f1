package org.plezi.jakarta;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a controller's text frames JSON events: each text frame must be a JSON object whose string
 * member {@code "event"} names one of the controller's {@link Event} methods, which is then called.
 * Subclasses of an auto-dispatch controller are auto-dispatch too.
 *
 * <h2>Event methods a client can call</h2>
 *
 * An {@link Event} method takes the whole message in one of these forms:
 *
 * <ul>
 *   <li>no parameter;
 *   <li>{@code jakarta.json.JsonObject};
 *   <li>{@code java.util.Map<String, Object>}: an unmodifiable copy whose values are {@code
 *       String}, {@code Boolean}, {@code null}, {@code Long} (numbers written without fraction or
 *       exponent that fit), {@code BigDecimal} (other numbers), {@code List<Object>} and {@code
 *       Map<String, Object>};
 *   <li>one class of the application (not from {@code java.*}, {@code javax.*} or {@code
 *       jakarta.*}, not abstract, not an enum, not an array), bound with JSON-B. Members the class
 *       does not have, such as {@code event} and {@code _EID_}, are ignored.
 * </ul>
 *
 * An event method with any other parameters (say {@code move(int x, int y)}) is still an event for
 * messages between connections, but a client naming it gets the {@code err} reply with status 405.
 *
 * <h2>Replies</h2>
 *
 * <ol>
 *   <li>A message carrying {@code "_EID_"} is acknowledged with {@code
 *       {"event":"_ack_","_EID_":<the same JSON value>}} before anything else happens, including an
 *       unknown-event or a failure reply; messages that are not a JSON object with a string {@code
 *       event} are never acknowledged.
 *   <li>Then the method runs. Its return value is written to the client: a {@code String} as it is,
 *       a {@code jakarta.json.JsonValue} as its JSON text, any other object as JSON (JSON-B);
 *       {@code void} or {@code null} writes nothing. Whatever the method wrote itself goes first.
 * </ol>
 *
 * Every problem is answered with {@code {"event":"err","status":S,"result":R,...}} and the
 * connection stays open:
 *
 * <table>
 *   <caption>err replies</caption>
 *   <tr><th>status</th><th>result</th><th>when</th></tr>
 *   <tr><td>400</td><td>{@code "bad request"}</td><td>the frame is not JSON, not an object, has no
 *       string {@code event}, is nested deeper than {@value #MAX_DEPTH} levels, or does not bind to
 *       the event's parameter class; a {@code "reason"} member says which, and {@code "request"}
 *       holds the message when it was a JSON object</td></tr>
 *   <tr><td>404</td><td>{@code "not found"}</td><td>no event of that name (unless the controller
 *       overrides {@link Controller#unknown(java.util.Map)}); {@code "request"} holds the
 *       message</td></tr>
 *   <tr><td>405</td><td>{@code "not callable by clients"}</td><td>the event's method does not take
 *       one of the forms above</td></tr>
 *   <tr><td>500</td><td>{@code "internal error"}</td><td>the method threw (logged once on the
 *       server; the reply names no class and holds no stack trace)</td></tr>
 * </table>
 *
 * <p>Binary frames go to {@link Controller#onMessage(byte[])} if the controller overrides it, else
 * the connection is closed with {@link CloseCodes#UNSUPPORTED_DATA}. An auto-dispatch controller
 * must not override {@link Controller#onMessage(String)}; it accepts websocket upgrades even with
 * no {@code onMessage} override.
 *
 * <h2>JSON implementation</h2>
 *
 * Auto-dispatch uses JSON-P ({@code jakarta.json}), and JSON-B ({@code jakarta.json.bind}) when an
 * event method takes an application class or returns anything but {@code void}, {@code String} or a
 * {@code JsonValue}. Full Jakarta EE servers (WildFly, Payara) provide both. Servlet containers
 * (Tomcat, Jetty) do not: the WAR must bundle the APIs and implementations, for instance {@code
 * jakarta.json:jakarta.json-api}, {@code org.eclipse.parsson:parsson}, {@code
 * jakarta.json.bind:jakarta.json.bind-api} and {@code org.eclipse:yasson}. Without them the
 * deployment fails with an {@link InvalidControllerException} saying what is missing.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AutoDispatch {
  /**
   * The deepest nesting of objects and arrays a message may have, the message itself counting as
   * one; deeper messages get the 400 reply without being parsed further.
   */
  int MAX_DEPTH = 64;
}
