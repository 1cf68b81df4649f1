package org.plezi.jakarta;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.plezi.jakarta.internal.hooks.ControllerConnection;
import org.plezi.jakarta.internal.hooks.ControllerHooks;
import org.plezi.jakarta.internal.hooks.ControllerMessaging;
import org.plezi.jakarta.internal.hooks.HttpExchange;

/**
 * The base class of websocket controllers: one instance per connection (and per plain HTTP
 * request), created by the library with the class's no-argument constructor (or by CDI).
 *
 * <h2>Lifecycle</h2>
 *
 * <ol>
 *   <li>{@link #preConnect()} runs before the upgrade, with {@link #request()}, {@link #response()}
 *       and {@link #params()}. Returning {@code false} refuses the upgrade with the response's
 *       status if the controller set one, else 403.
 *   <li>{@link #onOpen()} once the websocket is open.
 *   <li>{@link #onMessage(String)} for each text message, {@link #onMessage(byte[])} for each
 *       binary message.
 *   <li>{@link #onShutdown()} when the application is undeployed or the server stops, before the
 *       close frame ({@link CloseCodes#GOING_AWAY}).
 *   <li>{@link #onClose(int, String)} exactly once, however the connection ends.
 * </ol>
 *
 * <p>Callbacks of one connection never run at the same time, and messages are handled in the order
 * they arrived; callbacks of different connections run concurrently. A controller marked {@link
 * AutoDispatch} receives text frames as JSON events instead of {@code onMessage(String)}; any other
 * controller that overrides neither {@code onMessage} refuses websocket upgrades (403). A frame of
 * the kind the controller does not handle (binary when it only overrides {@code onMessage(String)},
 * or the reverse) closes the connection with {@link CloseCodes#UNSUPPORTED_DATA}.
 *
 * <h2>Exceptions from callbacks</h2>
 *
 * Each is logged once, naming the controller class, the connection uuid and the callback, and never
 * affects other connections. From {@code preConnect} the client gets HTTP 500 and no websocket.
 * From {@code onOpen} the connection is closed with {@link CloseCodes#INTERNAL_ERROR}. From {@code
 * onMessage}, {@code onShutdown} or {@code onClose} the message is dropped and the connection goes
 * on as if the callback had returned.
 *
 * <h2>Writing</h2>
 *
 * {@link #write(String)} and its binary forms may be called from any thread, never block, and keep
 * the order of the calls. Frames wait in the connection's outbound queue, bounded by {@code
 * plezi.outbound.maxBytes}; a write that would exceed it closes this connection with {@link
 * CloseCodes#OUTBOUND_OVERFLOW} and returns {@code false}.
 *
 * <h2>Messages between connections</h2>
 *
 * {@link #multicast}, {@link #broadcast(String, Object...)} and {@link #unicast} call an {@link
 * Event} method on other connections, on this server and, in a cluster, on every server; they skip
 * this connection. Events arriving here run like the other callbacks: one at a time with them, in
 * the order sent. A unicast whose target is gone runs the class's {@link FailedUnicast} callback.
 * See {@link Messenger} for the arguments allowed and how they are converted.
 *
 * <h2>Plain HTTP</h2>
 *
 * The route also answers {@code GET path} with {@link #index()} and {@code GET path/{id}} with
 * {@link #show(String)}; a non-null result is sent as {@code text/html; charset=UTF-8}, {@code
 * null} (the default) as 404.
 *
 * <p>Callback names are reserved: a method of a subclass named like a callback must override it
 * exactly, or the deployment fails.
 */
public abstract class Controller {
  static {
    ControllerHooks.install(new Hooks());
  }

  /**
   * The websocket this instance serves; null before the upgrade and for plain HTTP requests. Set
   * once, on the container's thread that opens it; read from any thread.
   */
  private volatile ControllerConnection connection;

  /**
   * The HTTP exchange while preConnect, index or show runs; null otherwise. Only the request's
   * thread touches it.
   */
  private HttpExchange exchange;

  /**
   * What this class sends through; bound when the instance is made, before any other thread can see
   * the instance (the runtime publishes it through a concurrent map or the container).
   */
  private ControllerMessaging messaging;

  /**
   * Path parameters, then query parameters (first value each); set with the exchange on the
   * request's thread, before the first callback, and never changed once the websocket is open.
   */
  private Map<String, String> params = Map.of();

  /** Creates a controller; the library calls this once per connection or request. */
  protected Controller() {}

  // ----------------------------------------------------------------------------- callbacks

  /**
   * Decides whether to accept a websocket upgrade; runs before it with the real HTTP request and
   * response. Headers and cookies added to {@link #response()} reach the client either way.
   *
   * @return {@code true} to upgrade; {@code false} to refuse with the response's status if it was
   *     set to an error status, else 403
   */
  protected boolean preConnect() {
    return true;
  }

  /** The websocket is open; writes from here on reach the client. */
  protected void onOpen() {}

  /**
   * A text message arrived.
   *
   * @param text the whole message, at most {@code plezi.message.maxBytes} characters
   */
  protected void onMessage(String text) {}

  /**
   * A binary message arrived.
   *
   * @param data the whole message (a copy this controller owns), at most {@code
   *     plezi.message.maxBytes} bytes
   */
  protected void onMessage(byte[] data) {}

  /**
   * The application is being undeployed or the server is stopping. Writes made here are sent before
   * the close frame; {@link #onClose(int, String)} follows.
   */
  protected void onShutdown() {}

  /**
   * The connection ended, for whatever reason; called exactly once per opened connection.
   *
   * @param code the close code (see {@link CloseCodes})
   * @param reason the close reason, possibly empty, never null
   */
  protected void onClose(int code, String reason) {}

  /**
   * A bus message that is not a Plezi envelope arrived (for example a plain string published on the
   * cluster's channel by another program); called on every connection.
   *
   * @param message the decoded payload: a String, number, Boolean, List or Map
   */
  protected void onBroadcast(Object message) {}

  /**
   * A client's JSON message named no event of this controller; only called for {@link AutoDispatch}
   * controllers, after the message's {@code _EID_} (if any) was acknowledged. Unless a controller
   * overrides this method, the client gets {@code {"event":"err","status":404,"result":"not
   * found","request":<the message>}}.
   *
   * @param message the message as plain Java values, as an event method taking a {@code Map}
   *     receives it (see {@link AutoDispatch}); unmodifiable
   * @return text written to the client as it is, or {@code null} to write nothing
   */
  protected String unknown(Map<String, Object> message) {
    return null;
  }

  /**
   * Answers {@code GET} on the route's path.
   *
   * @return the HTML page, or {@code null} for 404 (the default)
   */
  protected String index() {
    return null;
  }

  /**
   * Answers {@code GET} on the route's path followed by one more segment.
   *
   * @param id that segment, decoded
   * @return the HTML page, or {@code null} for 404 (the default)
   */
  protected String show(String id) {
    return null;
  }

  // ------------------------------------------------------------------------------ accessors

  /**
   * This connection's cluster-wide id: the 36-character server uuid followed by a hexadecimal local
   * id.
   *
   * @throws IllegalStateException before the upgrade or in a plain HTTP request
   */
  public final String uuid() {
    return requireConnection().uuid();
  }

  /**
   * The request's path parameters and query parameters (the first value of each); a path parameter
   * hides a query parameter of the same name. Never null; immutable.
   */
  public final Map<String, String> params() {
    return params;
  }

  /**
   * The HTTP request, available while {@link #preConnect()}, {@link #index()} or {@link
   * #show(String)} runs.
   *
   * @throws IllegalStateException at any other time
   */
  protected final HttpServletRequest request() {
    return requireExchange().request();
  }

  /**
   * The HTTP response, available while {@link #preConnect()}, {@link #index()} or {@link
   * #show(String)} runs.
   *
   * @throws IllegalStateException at any other time
   */
  protected final HttpServletResponse response() {
    return requireExchange().response();
  }

  /** Whether the websocket is open and accepts writes. */
  public final boolean isOpen() {
    ControllerConnection current = connection;
    return current != null && current.isOpen();
  }

  // -------------------------------------------------------------------------------- writing

  /**
   * Queues a text frame.
   *
   * @return {@code true} if queued; {@code false} if the connection is not open, is closing, or
   *     this write overflowed its queue (which closes it)
   */
  public final boolean write(String text) {
    ControllerConnection current = connection;
    return current != null && current.sendText(text);
  }

  /**
   * Queues a binary frame holding a copy of {@code data}.
   *
   * @return as {@link #write(String)}
   */
  public final boolean write(byte[] data) {
    ControllerConnection current = connection;
    return current != null && current.sendBinary(ByteBuffer.wrap(data.clone()));
  }

  /**
   * Queues a binary frame holding a copy of {@code data}'s remaining bytes; the buffer's position
   * is not changed.
   *
   * @return as {@link #write(String)}
   */
  public final boolean write(ByteBuffer data) {
    ControllerConnection current = connection;
    if (current == null) {
      return false;
    }
    ByteBuffer copy = ByteBuffer.allocate(data.remaining());
    copy.put(data.duplicate()).flip();
    return current.sendBinary(copy);
  }

  /** Closes the connection normally (1000) once the frames already queued are sent. */
  public final void close() {
    close(1000, "");
  }

  /**
   * Closes the connection once the frames already queued are sent; later writes return {@code
   * false}.
   *
   * @param code 1000 or a code from 3000 to 4999
   * @param reason at most 123 bytes of UTF-8 (longer ones are cut)
   * @throws IllegalArgumentException for any other code
   */
  public final void close(int code, String reason) {
    if (code != 1000 && (code < 3000 || code > 4999)) {
      throw new IllegalArgumentException("close code " + code + ": use 1000 or 3000 to 4999");
    }
    ControllerConnection current = connection;
    if (current != null) {
      current.close(code, reason);
    }
  }

  // ------------------------------------------------------------------------------ messaging

  /**
   * Calls {@code event} on every connection of every controller on every server, except this one.
   *
   * @throws IllegalArgumentException if an argument is not a core value, or on a Redis cluster if
   *     the encoded message exceeds {@code plezi.bus.maxMessageBytes} (see {@link Messenger}): then
   *     nothing is delivered
   */
  protected final void multicast(String event, Object... args) {
    messaging().multicast(connection, event, args);
  }

  /**
   * Calls {@code event} on every connection of this controller's class (and its subclasses) on
   * every server, except this one.
   *
   * @throws IllegalArgumentException if an argument is not a core value or the message is too large
   *     for the bus ({@code plezi.bus.maxMessageBytes})
   */
  protected final void broadcast(String event, Object... args) {
    // The route's class, not getClass(): with CDI interceptors that is a generated subclass.
    messaging().broadcast(connection, event, args);
  }

  /**
   * Calls {@code event} on every connection of {@code target} (and its subclasses) on every server,
   * except this one.
   *
   * @throws IllegalArgumentException if an argument is not a core value or the message is too large
   *     for the bus ({@code plezi.bus.maxMessageBytes})
   */
  protected final void broadcast(Class<? extends Controller> target, String event, Object... args) {
    messaging().broadcast(connection, target, event, args);
  }

  /**
   * Calls {@code event} on the connection with this {@link #uuid()}, on whichever server holds it.
   * If it is gone, this class's {@link FailedUnicast} callback runs (if it has one).
   *
   * @throws IllegalArgumentException if an argument is not a core value or the message is too large
   *     for the bus ({@code plezi.bus.maxMessageBytes})
   */
  protected final void unicast(String uuid, String event, Object... args) {
    messaging().unicast(uuid, event, args);
  }

  /**
   * Binds this connection to {@code identity} for 7 days, as its only connection ({@code
   * maxConnections} 1); see {@link #registerAs(String, Duration, int)}.
   */
  protected final void registerAs(String identity) {
    registerAs(identity, Duration.ofDays(7), 1);
  }

  /**
   * Binds this connection to an identity, such as a user id. The identity lives for {@code
   * lifetime} (at least 500 ms), renewed by each registration and each delivery; messages {@link
   * #notify notified} to it meanwhile wait in its mailbox and reach this connection now, in the
   * order they were notified, then every later one at once. A connection may hold several
   * identities (say {@code "42-long"} for 21 days and {@code "42-short"} for an hour).
   *
   * <p>With more than {@code maxConnections} connections registered (on any server), the newest
   * ones keep the identity: the oldest stop receiving its messages but stay open. A connection
   * leaves its identities when it closes; the identity and its mailbox live on until they expire.
   *
   * @throws IllegalArgumentException for an identity that is empty, longer than 256 characters or
   *     holds control characters, a lifetime under 500 ms, or {@code maxConnections} under 1
   * @throws IllegalStateException before the connection is open
   */
  protected final void registerAs(String identity, Duration lifetime, int maxConnections) {
    requireConnection().registerAs(identity, lifetime, maxConnections);
  }

  /**
   * Leaves a message for an identity, like {@link Messenger#notify}: it calls {@code event} on the
   * identity's connections now, or on its next registration.
   *
   * @return whether the identity is alive (registered and not expired)
   */
  protected final boolean notify(String identity, String event, Object... args) {
    return messaging().notify(identity, event, args);
  }

  // ----------------------------------------------------------------- channels (issue 17)

  /** Subscribes this connection to {@code channel} in {@link ChannelMode#EVENT} mode. */
  protected final void subscribe(String channel) {
    subscribe(channel, ChannelMode.EVENT);
  }

  /**
   * Subscribes this connection to a channel, on this server and for publishes from every server,
   * until {@link #unsubscribe} or the close. Only controllers subscribe: a client never chooses a
   * channel by itself. Subscribing again changes the mode. Names are 1 to 200 characters of {@code
   * A-Z a-z 0-9 _ . : / @ -}.
   *
   * @throws IllegalArgumentException for a bad name, or a new channel beyond {@code
   *     plezi.channels.maxPerConnection}
   * @throws IllegalStateException before the connection is open
   */
  protected final void subscribe(String channel, ChannelMode mode) {
    messaging().subscribe(requireConnection(), channel, mode);
  }

  /**
   * Leaves a channel; nothing happens if this connection is not subscribed to it.
   *
   * @throws IllegalArgumentException for a bad name
   */
  protected final void unsubscribe(String channel) {
    messaging().unsubscribe(requireConnection(), channel);
  }

  /**
   * Calls {@code event} on every connection subscribed to {@code channel} in {@link
   * ChannelMode#EVENT} mode, on every server, except this one (see {@link Messenger#publish}).
   *
   * @throws IllegalArgumentException for a bad channel name, event name or argument
   */
  protected final void publish(String channel, String event, Object... args) {
    messaging().publish(connection, channel, event, args);
  }

  /**
   * Writes {@code text} as it is to every connection subscribed to {@code channel} in {@link
   * ChannelMode#RAW} mode, on every server, except this one (see {@link Messenger#publishRaw}).
   *
   * @throws IllegalArgumentException for a bad channel name, or text over 1 MiB of UTF-8
   */
  protected final void publishRaw(String channel, String text) {
    messaging().publishRaw(connection, channel, text);
  }

  /**
   * Makes this connection present in {@code channel} (whether or not it subscribes to it): as its
   * identity when it holds one ({@link #registerAs} first; the first in alphabetical order if it
   * holds several), so that one user's tabs on any servers are one member, else as its {@link
   * #uuid()}. Subscribers whose class declares {@code @Event presenceJoin(String channel, String
   * member, Map<String, Object> metadata)} and {@code @Event presenceLeave(String channel, String
   * member)} are told of a member's first connection and of its last, cluster-wide, not of every
   * tab. Tracking again does nothing; the connection leaves when it closes.
   *
   * @param metadata at most 8 entries, keys of 1 to 64 and values of at most 256 characters, no
   *     control characters; null for none. A member shows the metadata of its first connection
   * @throws IllegalArgumentException for a bad name or metadata, or a channel beyond {@code
   *     plezi.channels.maxPerConnection}
   */
  protected final void track(String channel, Map<String, String> metadata) {
    messaging().track(requireConnection(), channel, metadata);
  }

  /** Leaves a channel's presence; nothing happens if this connection is not tracked there. */
  protected final void untrack(String channel) {
    messaging().untrack(requireConnection(), channel);
  }

  /** Who is present in {@code channel}, cluster-wide; see {@link Messenger#presence}. */
  protected final java.util.concurrent.CompletionStage<Map<String, Map<String, String>>> presence(
      String channel) {
    return messaging().presence(channel);
  }

  /**
   * During an event method that runs for an identity's mailbox message (see {@link #notify}): which
   * one; null in any other callback, and on any other thread. A controller whose client confirms
   * its mail ({@code plezi.mailbox.confirmation=client} for a controller without {@link
   * AutoDispatch}) writes it to the client, which sends it back once it handled the message, so
   * that the controller can call {@link #confirmMail}. (#18)
   */
  protected final MailboxMessage mailboxMessage() {
    ControllerConnection open = connection;
    return open == null ? null : open.mailboxMessage();
  }

  /**
   * Confirms that the client handled {@code identity}'s mailbox messages up to {@code seq}: they
   * leave the mailbox. Until then they are handed again, oldest first, on the identity's next
   * registration (on any server), and at most 256 of them are handed over unconfirmed at once. Only
   * for connections whose client confirms their mail ({@code plezi.mailbox.confirmation}; the
   * JavaScript client of an {@link AutoDispatch} controller does it by itself). A number this
   * connection was not handed, or an identity it does not hold, is ignored (logged, rate-limited).
   * Any thread; never blocks (the store is written on the events pool). (#18)
   */
  protected final void confirmMail(String identity, long seq) {
    requireConnection().confirmMail(identity, seq);
  }

  // ------------------------------------------------- channel history, any controller (issue 18)

  /**
   * During an event method that runs for a publication of a channel with history (live, or replayed
   * by a recovery or to fill a gap): where the publication stands in its channel's history; null in
   * any other callback, for a channel without history, and on any other thread. An auto-dispatch
   * client gets the same position as {@code "_chan_"}; any other controller that wants its client
   * to recover writes it in its own protocol, and gives it back to {@link #recoverChannel} when the
   * client comes back.
   */
  protected final HistoryPosition channelPosition() {
    ControllerConnection open = connection;
    return open == null ? null : open.channelPosition();
  }

  /**
   * Asks for the publications of {@code channel} this connection's client missed after {@code
   * offset} of {@code epoch} (a position it got from {@link #channelPosition()} on an earlier
   * connection): the same request as an auto-dispatch client's {@code _crec_} frame, for any
   * controller. When this connection is subscribed to the channel in {@link ChannelMode#EVENT} mode
   * (now, or later: the position waits for the subscription, at most 1,000 per connection), the
   * event method runs for every missed publication, in order and before any later one, then {@link
   * #onChannelRecovery} is called with {@code true}. When the history no longer covers the position
   * (trimmed, expired, another epoch, an offset the channel never reached, or a channel that keeps
   * no history) it is called with {@code false}: the client should reload what the channel stands
   * for. Once per subscription: a request for a subscription that recovered already (or failed to)
   * is ignored, without an answer; so is one for a channel the controller never subscribes to in
   * {@code EVENT} mode. Any thread; never blocks (the request runs on the connection's inbox, after
   * what is queued there).
   *
   * @param channel a channel name (1 to 200 characters of {@code A-Z a-z 0-9 _ . : / @ -})
   * @param epoch 1 to 64 characters of {@code A-Z a-z 0-9 _ -}
   * @param offset the last offset the client handled, 0 to 2^63-1 (0: it handled none)
   * @throws IllegalArgumentException for a bad name, epoch or offset (the message says which, in
   *     the words of the {@code _crec_} frame's 400 reply)
   * @throws IllegalStateException before the connection is open
   */
  protected final void recoverChannel(String channel, String epoch, long offset) {
    messaging().recoverChannel(requireConnection(), channel, epoch, offset);
  }

  /**
   * The answer to a recovery of {@code channel}: asked for by {@link #recoverChannel} or by an
   * auto-dispatch client's {@code _crec_} frame (whose client also gets the {@code _crec_} answer
   * frame), or unasked, when a publication arrives after a gap the history cannot fill or of a new
   * epoch (the history was lost). {@code recovered}: every missed publication ran, just before this
   * call. Runs on the connection's inbox, one at a time with its other callbacks and event methods.
   * Does nothing by default.
   */
  protected void onChannelRecovery(String channel, boolean recovered) {}

  // --------------------------------------------------------------- the user (issue 16)

  /**
   * The container's authenticated user of the upgrade request ({@code getUserPrincipal()}), kept
   * for the connection's whole life; during {@link #preConnect()}, {@link #index()} and {@link
   * #show(String)}, the request's own. Null for an anonymous user, and before an upgrade or
   * request. Thread-safe.
   */
  public final java.security.Principal principal() {
    HttpExchange current = exchange;
    if (current != null) {
      return current.request().getUserPrincipal();
    }
    ControllerConnection open = connection;
    return open == null ? null : open.principal();
  }

  /**
   * Whether the authenticated user is in {@code role}. During {@code preConnect}, {@code index} and
   * {@code show} the request answers for any role. On a connection the request is gone: the answer
   * was taken on the upgrade request for each role the class (or a superclass) declares with the
   * standard {@code @jakarta.annotation.security.DeclareRoles}; false for an anonymous user.
   *
   * @throws IllegalArgumentException on a connection, for a role the class does not declare
   */
  public final boolean isUserInRole(String role) {
    HttpExchange current = exchange;
    if (current != null) {
      return current.request().isUserInRole(role);
    }
    ControllerConnection open = connection;
    return open != null && open.isUserInRole(role);
  }

  // ------------------------------------------------------------------- end of issue 16

  private ControllerMessaging messaging() {
    if (messaging == null) {
      throw new IllegalStateException("this controller was not created by Plezi");
    }
    return messaging;
  }

  private ControllerConnection requireConnection() {
    ControllerConnection current = connection;
    if (current == null) {
      throw new IllegalStateException("not a websocket connection (yet)");
    }
    return current;
  }

  private HttpExchange requireExchange() {
    HttpExchange current = exchange;
    if (current == null) {
      throw new IllegalStateException(
          "the HTTP request is only available during preConnect, index and show");
    }
    return current;
  }

  /** Lets the runtime, in another package, drive the protected callbacks. */
  private static final class Hooks extends ControllerHooks {
    @Override
    public void bindExchange(Controller c, HttpExchange exchange) {
      c.exchange = exchange;
      if (exchange != null) {
        c.params = exchange.params();
      }
    }

    @Override
    public void bindConnection(Controller c, ControllerConnection connection) {
      c.connection = connection;
    }

    @Override
    public void bindMessaging(Controller c, ControllerMessaging messaging) {
      c.messaging = messaging;
    }

    @Override
    public void onBroadcast(Controller c, Object message) {
      c.onBroadcast(message);
    }

    @Override
    public boolean preConnect(Controller c) {
      return c.preConnect();
    }

    @Override
    public void onOpen(Controller c) {
      c.onOpen();
    }

    @Override
    public void onMessage(Controller c, String text) {
      c.onMessage(text);
    }

    @Override
    public void onMessage(Controller c, byte[] data) {
      c.onMessage(data);
    }

    @Override
    public void onShutdown(Controller c) {
      c.onShutdown();
    }

    @Override
    public void onClose(Controller c, int code, String reason) {
      c.onClose(code, reason);
    }

    @Override
    public String unknown(Controller c, Map<String, Object> message) {
      return c.unknown(message);
    }

    @Override
    public String index(Controller c) {
      return c.index();
    }

    @Override
    public String show(Controller c, String id) {
      return c.show(id);
    }

    @Override
    public void onChannelRecovery(Controller c, String channel, boolean recovered) {
      c.onChannelRecovery(channel, recovered);
    }
  }
}
