package org.plezi.jakarta.internal.connection;

import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.ReentrantLock;
import org.plezi.jakarta.Caller;
import org.plezi.jakarta.CloseCodes;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.HistoryPosition;
import org.plezi.jakarta.MailboxMessage;
import org.plezi.jakarta.internal.base.CoreValues;
import org.plezi.jakarta.internal.base.RateLimitedLog;
import org.plezi.jakarta.internal.base.Settings;
import org.plezi.jakarta.internal.bus.ChannelMessage;
import org.plezi.jakarta.internal.bus.ChannelPosition;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.internal.bus.Outage;
import org.plezi.jakarta.internal.event.EventMethod;
import org.plezi.jakarta.internal.event.PositionalBinder;
import org.plezi.jakarta.internal.event.TextDispatcher;
import org.plezi.jakarta.internal.hooks.ControllerConnection;
import org.plezi.jakarta.internal.hooks.ControllerHooks;
import org.plezi.jakarta.internal.metrics.ConnectionSample;
import org.plezi.jakarta.internal.metrics.RouteMetrics;
import org.plezi.jakarta.internal.model.ControllerModel;
import org.plezi.jakarta.internal.security.TokenBucket;
import org.plezi.jakarta.internal.security.UserSnapshot;

/**
 * One open websocket and the controller that serves it. Every controller callback of the connection
 * runs under its {@link #callbacks} lock, so callbacks never overlap; writes go through its {@link
 * OutboundQueue}, which never takes that lock; events from other connections wait in its {@link
 * Inbox}. Which thread calls what is in {@code org.plezi.jakarta.internal}'s threading model.
 */
public final class Connection implements ControllerConnection, TextDispatcher.Target {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  /**
   * Messages that fit no event method: a sender can cause any number, so one line a second for
   * every connection of the server.
   */
  private static final RateLimitedLog DROPS = new RateLimitedLog(LOG, 1_000_000_000L);

  /** Connections closed for sending too fast (#16). */
  private static final RateLimitedLog FLOODS = new RateLimitedLog(LOG);

  /** The largest inbound message accepted, in chars for text and bytes for binary. */
  private final int maxMessage;

  /** Joins messages that the container hands over in parts; container thread. */
  private final InboundParts parts;

  /**
   * The inbound rate limit ({@code plezi.inbound.messagesPerSecond}); null when off. Taken only by
   * the container's thread that delivers this connection's frames, one at a time.
   */
  private final TokenBucket inboundLimit;

  /** Whether the client went over the limit (the close is queued); same thread as above. */
  private boolean overLimit;

  /** The upgrade request's authenticated user; null when anonymous. Immutable. */
  private final UserSnapshot user;

  /** How long one frame may take to send ({@code plezi.outbound.sendTimeoutMillis}); 0: forever. */
  private final long sendTimeoutNanos;

  private final String uuid;
  private final String localId;
  private final Controller controller;
  private final ControllerModel model;
  private final Session session;
  private final OutboundQueue outbound;

  /** The outbound queue's session side; also sends the heartbeat's pings (issue 18). */
  private final SessionSink sink;

  /** When the client was last heard from, for the heartbeat (issue 18). */
  private final Liveness liveness;

  /** The route's counts (issue 19): a field read and an add per frame. */
  private final RouteMetrics metrics;

  /**
   * Whether {@link #opened} counted this connection as open, so that {@link #closed} counts its
   * close; guarded by {@link #callbacks}.
   */
  private boolean counted;

  /** 1 once an inbox overflow was counted: one per connection. An int: 4 bytes per connection. */
  private volatile int inboxOverflowed;

  private static final AtomicIntegerFieldUpdater<Connection> INBOX_OVERFLOWED =
      AtomicIntegerFieldUpdater.newUpdater(Connection.class, "inboxOverflowed");

  /** Events from other connections and the bus, run one at a time on the events pool. */
  private final Inbox inbox;

  /** This connection's identities and where it stands in each one's mailbox. */
  private final ConnectionMail mail;

  /** The server's identity bindings, for {@link #registerAs}. */
  private final Identities identities;

  /**
   * Serializes the controller's callbacks: held while controller code runs (and only then), by
   * whichever thread runs it. Reentrant: a callback may call code that invokes again.
   */
  private final ReentrantLock callbacks = new ReentrantLock();

  /**
   * Events from the server (other connections, the bus, mail) that ran without throwing and are not
   * yet in the route's counts: written under {@link #callbacks}, which each event holds anyway,
   * instead of an atomic add to the route's shared adder per delivery (issue 19); read by metrics
   * snapshots without the lock ({@link #SERVER_EVENTS}, opaque). {@link #closed} folds it into the
   * route.
   */
  @SuppressWarnings("unused") // through SERVER_EVENTS
  private long unfoldedServerEvents;

  private static final VarHandle SERVER_EVENTS;

  static {
    try {
      SERVER_EVENTS =
          MethodHandles.lookup()
              .findVarHandle(Connection.class, "unfoldedServerEvents", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The tally went into the route's counts; guarded by {@link #callbacks}. */
  private boolean serverEventsFolded;

  /** Whether the route counts: with metrics off the connection keeps no tally either. */
  private final boolean counting;

  /** Set once, when the connection ended and onClose was (or is being) called. */
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Whether onShutdown ran or is running: undeploy reaches a connection that opened while it
   * collected the connections twice (its own pass, and the endpoint's check after onOpen).
   */
  private final AtomicBoolean shutdownStarted = new AtomicBoolean();

  /** Completes after onClose returned. */
  private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();

  /**
   * @param closer runs close frames, which block, off the container's and the pool's threads
   * @param events the deployment's events pool, which runs the inbox
   */
  public Connection(
      String serverUuid,
      String localId,
      Controller controller,
      ControllerModel model,
      RouteMetrics metrics,
      Session session,
      Settings settings,
      Executor closer,
      Executor events,
      Identities identities,
      UserSnapshot user) {
    this.user = user;
    this.uuid = serverUuid + localId;
    this.localId = localId;
    this.controller = controller;
    this.model = model;
    this.metrics = metrics;
    this.counting = metrics.enabled();
    this.session = session;
    this.identities = identities;
    this.inbox = new Inbox(events, (int) settings.get(Settings.INBOX_MAX_MESSAGES));
    this.mail =
        new ConnectionMail(
            identities.store(),
            new ConnectionMail.Receiver() {
              @Override
              public void event(String identity, long seq, String event, List<Object> args) {
                receiveEvent(event, args, new MailboxMessage(identity, seq));
              }

              @Override
              public void delivered(int messages) {
                identities.mailboxMetrics().delivered(messages);
              }

              @Override
              public boolean isOpen() {
                return Connection.this.isOpen();
              }

              @Override
              public void later(Runnable task) {
                enqueue(task, null, false);
              }

              @Override
              public void hold() {
                outbound.hold();
              }

              @Override
              public void release() {
                outbound.release();
              }
            },
            MailConfirmation.byClient(settings, model.textDispatcher() != null));
    this.sink = new SessionSink(session, closer, uuid);
    this.liveness = new Liveness(System.nanoTime());
    this.outbound =
        new OutboundQueue(
            sink, settings.get(Settings.OUTBOUND_MAX_BYTES), CloseCodes.OUTBOUND_OVERFLOW, metrics);
    this.maxMessage = (int) settings.get(Settings.MESSAGE_MAX_BYTES);
    this.parts = new InboundParts(maxMessage, this::tooBig);
    Sessions.configure(session, maxMessage);
    // Not session.getAsyncRemote().setSendTimeout: on Tomcat every timed send is added to and
    // removed from a shared sorted set, which cost a quarter of a fan-out's CPU per delivery. The
    // runtime checks the sends in flight instead (checkSendTimeout).
    this.sendTimeoutNanos = settings.get(Settings.SEND_TIMEOUT_MILLIS) * 1_000_000L;
    long rate = settings.get(Settings.INBOUND_MESSAGES_PER_SECOND);
    long burst = settings.get(Settings.INBOUND_BURST);
    this.inboundLimit =
        rate == 0 ? null : new TokenBucket(rate, burst == 0 ? rate : burst, System.nanoTime());
  }

  // ------------------------------------------------------------------- what a controller sees

  @Override
  public java.security.Principal principal() {
    return user == null ? null : user.principal();
  }

  @Override
  public boolean isUserInRole(String role) {
    return UserSnapshot.isUserInRole(user, role, model.roles(), model.type().getName());
  }

  /** The cluster-wide id: server uuid followed by the local id. */
  @Override
  public String uuid() {
    return uuid;
  }

  /** Whether the websocket is open and the queue accepts frames. */
  @Override
  public boolean isOpen() {
    return !closed.get() && outbound.isAccepting() && session.isOpen();
  }

  @Override
  public boolean sendText(String text) {
    return outbound.offerText(text);
  }

  @Override
  public boolean sendBinary(ByteBuffer data) {
    return outbound.offerBinary(data);
  }

  @Override
  public void close(int code, String reason) {
    outbound.offerClose(code, reason);
  }

  /**
   * Binds this connection to an identity; its mailbox is read next, in order. Waits for the store
   * (one Redis round trip in a cluster), under the callback lock when a callback calls it.
   */
  @Override
  public void registerAs(String identity, Duration lifetime, int maxConnections) {
    identities.register(this, identity, lifetime, maxConnections);
  }

  // -------------------------------------------------------------------- what the runtime sees

  /** The id within this server (hexadecimal). */
  public String localId() {
    return localId;
  }

  @Override
  public Controller controller() {
    return controller;
  }

  public ControllerModel model() {
    return model;
  }

  public OutboundQueue outbound() {
    return outbound;
  }

  /** The counts of this connection's route. */
  public RouteMetrics metrics() {
    return metrics;
  }

  /** Events waiting in the inbox, for the metrics' gauges. */
  public int inboxSize() {
    return inbox.size();
  }

  /** Completes once onClose has returned. */
  public CompletableFuture<Void> closedFuture() {
    return closedFuture;
  }

  /**
   * Closes the connection with 1011 if its frame in flight has been sending for longer than the
   * send timeout; the runtime's send-timeouts thread calls this periodically for every connection.
   */
  public void checkSendTimeout(long nowNanos) {
    if (sendTimeoutNanos > 0 && outbound.sendingLongerThan(sendTimeoutNanos, nowNanos)) {
      LOG.log(
          Level.DEBUG,
          () ->
              uuid + ": a send took longer than " + sendTimeoutNanos / 1_000_000 + " ms, closing");
      outbound.timeOut();
    }
  }

  /** A pong arrived (the answer to a heartbeat ping, or unsolicited). Container thread. */
  public void ponged() {
    liveness.heard(false);
  }

  /**
   * The heartbeat's turn (issue 18), on the runtime's heartbeat thread: pings a silent client,
   * queues a 4010 close for an idle one, and for one that left a ping unanswered gives the
   * connection up with 4009 at once (what is queued is dropped).
   *
   * @return {@link Liveness.Verdict#DEAD} when the runtime must now release the connection
   */
  public Liveness.Verdict heartbeat(long now, long intervalNanos, long timeoutNanos, long idle) {
    Liveness.Verdict verdict = liveness.check(now, intervalNanos, timeoutNanos, idle);
    switch (verdict) {
      case PING -> {
        if (!outbound.isSending()) { // else the ping would wait behind the frame, on a thread
          sink.ping();
        }
      }
      case IDLE -> outbound.offerClose(CloseCodes.IDLE_TIMEOUT, "idle timeout");
      case DEAD -> {
        LOG.log(Level.DEBUG, () -> uuid + ": no answer to a ping, closing with 4009");
        outbound.abandon(CloseCodes.HEARTBEAT_TIMEOUT, "heartbeat timeout");
      }
      case NONE -> {}
    }
    return verdict;
  }

  /**
   * Enters {@code registry}, then runs onOpen, both under the callback lock: from the moment the
   * connection can be found, multicasts, broadcasts and unicasts reach its inbox, and the first of
   * them runs once onOpen has returned, never before it. A failure closes with 1011. Nothing
   * happens if the websocket already ended ({@link #closed} leaves the registry under the same
   * lock, so a close can never leave a connection behind in it). Container thread.
   */
  public void opened(ConnectionRegistry registry) {
    callbacks.lock();
    try {
      if (closed.get()) {
        return;
      }
      registry.add(this);
      metrics.opened();
      counted = true;
      if (!invoke("onOpen", () -> ControllerHooks.get().onOpen(controller))) {
        outbound.offerClose(CloseCodes.INTERNAL_ERROR, "internal error");
      }
    } finally {
      callbacks.unlock();
    }
  }

  /**
   * A part of a text message, from the partial handler the endpoint registers; the whole message
   * goes on to {@link #receive(String)}. Container thread.
   */
  public void receivePart(String part, boolean last) {
    String whole = parts.text(part, last);
    if (whole != null) {
      receive(whole);
    }
  }

  /** A part of a binary message; as {@link #receivePart(String, boolean)}. */
  public void receivePart(ByteBuffer part, boolean last) {
    byte[] whole = parts.binary(part, last);
    if (whole != null) {
      receive(whole);
    }
  }

  /** The container's session; for this package's tests. */
  Session session() {
    return session;
  }

  /** A text message; on the container's thread, one message of this connection at a time. */
  public void receive(String text) {
    if (model.textDispatcher() != null && text.equals(Liveness.CLIENT_PING)) {
      liveness.heard(false); // the JavaScript client's heartbeat: answered, never dispatched
      outbound.offerText(Liveness.SERVER_PONG);
      return;
    }
    liveness.heard(true);
    if (!withinRate()) {
      return;
    }
    metrics.messageIn(text.length());
    if (text.length() > maxMessage) {
      tooBig();
      return;
    }
    TextDispatcher dispatcher = model.textDispatcher();
    if (dispatcher != null) {
      dispatcher.receive(this, text); // it takes the lock itself, only around controller code
    } else {
      invoke("onMessage(String)", () -> ControllerHooks.get().onMessage(controller, text));
    }
  }

  /** A binary frame; as {@link #receive(String)}. */
  public void receive(byte[] data) {
    liveness.heard(true);
    if (!withinRate()) {
      return;
    }
    metrics.messageIn(data.length);
    if (data.length > maxMessage) {
      tooBig();
      return;
    }
    invoke("onMessage(byte[])", () -> ControllerHooks.get().onMessage(controller, data));
  }

  /**
   * Takes a token for one inbound frame; the first frame over the limit queues a 4008 close, and
   * every frame after it is ignored. Container thread.
   */
  private boolean withinRate() {
    if (inboundLimit == null) {
      return true;
    }
    if (overLimit) {
      return false;
    }
    if (inboundLimit.tryTake(System.nanoTime())) {
      return true;
    }
    overLimit = true;
    FLOODS.warn(
        "a client of "
            + model.type().getName()
            + " went over plezi.inbound.messagesPerSecond ("
            + inboundLimit
            + "), closed with "
            + CloseCodes.RATE_LIMITED);
    outbound.offerClose(CloseCodes.RATE_LIMITED, "rate limit exceeded");
    return false;
  }

  /**
   * A message over {@code plezi.message.maxBytes}: found by {@link InboundParts} while joining its
   * parts, or by the receive methods for one that came whole (a container may not apply the
   * session's limit to partial handlers).
   */
  private void tooBig() {
    LOG.log(Level.DEBUG, () -> uuid + ": message over " + maxMessage + ", closing with 1009");
    outbound.offerClose(CloseCodes.MESSAGE_TOO_BIG, "message too big");
  }

  /** A frame of a kind the controller has no handler for. */
  public void unsupported(String kind) {
    LOG.log(Level.DEBUG, () -> uuid + ": " + kind + " frame refused by " + model.type().getName());
    outbound.offerClose(CloseCodes.UNSUPPORTED_DATA, kind + " messages are not accepted");
  }

  // ------------------------------------------------------------------ what the delivery sees

  /**
   * Queues an event for this connection's controller; any thread, never blocks.
   *
   * @return false when the connection is closed or its inbox overflowed (which closes it)
   */
  public boolean deliver(Message message) {
    return deliver(message, null);
  }

  /**
   * Queues an event of a fan-out; if the inbox was idle, {@code batch} starts its drain (null: at
   * once).
   *
   * @return as {@link #deliver(Message)}
   */
  public boolean deliver(Message message, Inbox.Batch batch) {
    if (message.mail() != null) {
      return enqueue(() -> mail.receive(message), batch, true);
    }
    return enqueue(() -> receiveEvent(message.event(), message.args()), batch, true);
  }

  /** Queues a payload that is not an envelope for {@code onBroadcast}. */
  public boolean deliverForeign(Object payload) {
    return enqueue(
        () -> invoke("onBroadcast", () -> ControllerHooks.get().onBroadcast(controller, payload)),
        null,
        true);
  }

  /** Registers this connection as {@code identity}: its mailbox is read next, in order. */
  void registeredAs(String identity, long lifetimeMillis, int maxConnections) {
    mail.registered(identity, lifetimeMillis, maxConnections);
  }

  /** The terms this connection holds {@code identity} with; null when it does not hold it. */
  ConnectionMail.Terms registration(String identity) {
    return mail.terms(identity);
  }

  /** The number of the last message of {@code identity} this connection has seen (0: none). */
  long cursor(String identity) {
    return mail.cursor(identity);
  }

  /** This connection lost {@code identity} to newer connections: no more of its messages. */
  void unregisteredAs(String identity) {
    mail.unregistered(identity);
  }

  /** The identities this connection is registered as. */
  public Set<String> identities() {
    return mail.identities();
  }

  /**
   * Queues a task for the inbox.
   *
   * @param event whether the task hands this connection a message (an event, mail, a foreign
   *     payload): one that never runs, because the connection closed first, is counted as dropped
   *     ({@code closed}); the mail's own follow-up reads are not messages
   */
  private boolean enqueue(Runnable task, Inbox.Batch batch, boolean event) {
    if (closed.get()) {
      if (event) {
        metrics.dropped(RouteMetrics.Drop.CLOSED, 1);
      }
      return false;
    }
    if (inbox.offer(
        () -> {
          if (closed.get()) {
            if (event) {
              metrics.dropped(RouteMetrics.Drop.CLOSED, 1);
            }
            return;
          }
          try {
            task.run();
          } catch (Outage.Unavailable e) {
            // Redis cannot serve (a mailbox read): the outage counted it and logged it once
            LOG.log(Level.DEBUG, () -> uuid + ": " + e.getMessage());
          } catch (RuntimeException e) {
            // Controller code is caught in invoke(); this is the library's own (a store that
            // failed).
            LOG.log(Level.WARNING, uuid + ": a message could not be handled", e);
          }
        },
        batch)) {
      return true;
    }
    metrics.dropped(RouteMetrics.Drop.INBOX_OVERFLOW, 1);
    if (!closed.get() && INBOX_OVERFLOWED.compareAndSet(this, 0, 1)) {
      // Once per connection: the events refused until the close are counted, not logged.
      metrics.inboxOverflow();
      LOG.log(Level.WARNING, () -> uuid + ": inbox overflow, closing " + model.type().getName());
      outbound.offerClose(CloseCodes.INBOX_OVERFLOW, "inbox overflow");
    }
    return false;
  }

  /**
   * The {@code _mail_} tag for a mailbox message that an auto-dispatch client confirms (issue 18);
   * null when the message is confirmed otherwise.
   */
  private String mailTag(MailboxMessage message) {
    return message != null && mail.clientConfirms() && model.textDispatcher() != null
        ? MailTag.member(message.identity(), message.seq())
        : null;
  }

  /** The running event method's mailbox message; guarded by the callback lock (#18). */
  private MailboxMessage currentMail;

  @Override
  public MailboxMessage mailboxMessage() {
    return callbacks.isHeldByCurrentThread() ? currentMail : null;
  }

  /**
   * The client confirmed {@code identity}'s mailbox messages up to {@code seq} (issue 18): queued,
   * so that it runs in order with the mail, on the events pool. One that does not fit (an identity
   * not held, a number not handed over) is logged, rate-limited, and changes nothing.
   */
  @Override
  public void confirmMail(String identity, long seq) {
    // Straight into the inbox, not through enqueue: a confirmation that arrived counts even if
    // the connection closes before its turn (else its mail would come again for nothing).
    Runnable task =
        () -> {
          try {
            if (!mail.confirmed(identity, seq)) {
              DROPS.warn(
                  "a client of "
                      + model.type().getName()
                      + " confirmed mail it was not handed (or its mail is confirmed on the"
                      + " server: plezi.mailbox.confirmation); ignored");
            }
          } catch (Outage.Unavailable e) {
            LOG.log(Level.DEBUG, () -> uuid + ": " + e.getMessage()); // the mail comes again
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, uuid + ": a mail confirmation could not be stored", e);
          }
        };
    if (!inbox.offer(task, null)) {
      DROPS.warn(
          "a mail confirmation for "
              + model.type().getName()
              + " found the connection's inbox full; its mail comes again");
    }
  }

  // ------------------------------------------------------- channels with history (issue 18)

  /** The reply key of a mailbox message's tag. */
  private static final String MAIL_KEY = "_mail_";

  /** The reply key of a channel publication's position. */
  static final String CHANNEL_KEY = "_chan_";

  /** The event of the frame that answers a client's recovery. */
  public static final String RECOVERY_EVENT = "_crec_";

  /** Where this connection stands in its channels with history; made on first use. Inbox only. */
  private ChannelCursors cursors;

  /** The server's subscriptions and histories, handed over by the first channel call. */
  private volatile ChannelCursors.Source channelSource;

  private static final ChannelCursors.Source NO_CHANNELS =
      new ChannelCursors.Source() {
        @Override
        public boolean listensForEvents(Connection connection, String channel) {
          return false;
        }

        @Override
        public List<org.plezi.jakarta.internal.bus.HistoryStore.Entry> read(
            String channel, String epoch, long after, long before) {
          return null;
        }
      };

  private final ChannelCursors.Sink channelSink =
      new ChannelCursors.Sink() {
        @Override
        public void deliver(String channel, ChannelPosition at, String event, List<Object> args) {
          String tag = model.textDispatcher() == null ? null : positionTag(channel, at);
          HistoryPosition position = new HistoryPosition(channel, at.epoch(), at.offset());
          receiveEvent(event, args, null, position, CHANNEL_KEY, tag);
        }

        @Override
        public void passed(String channel, ChannelPosition at) {
          if (model.textDispatcher() != null) {
            outbound.offerText(MailTag.alone(CHANNEL_KEY, positionTag(channel, at)));
          }
        }

        @Override
        public void recovery(String channel, boolean recovered) {
          if (model.textDispatcher() != null) {
            outbound.offerText(
                "{\"event\":\""
                    + RECOVERY_EVENT
                    + "\",\"channel\":\""
                    + channel
                    + "\",\"recovered\":"
                    + recovered
                    + "}");
          }
          invoke(
              "onChannelRecovery",
              () -> ControllerHooks.get().onChannelRecovery(controller, channel, recovered));
        }
      };

  /** The {@code _chan_} member's value for a position. */
  private static String positionTag(String channel, ChannelPosition at) {
    return "{\"channel\":\""
        + channel
        + "\",\"epoch\":\""
        + at.epoch()
        + "\",\"offset\":"
        + at.offset()
        + "}";
  }

  private ChannelCursors cursors() {
    if (cursors == null) {
      cursors = new ChannelCursors();
    }
    return cursors;
  }

  /**
   * Queues a publication of a channel with history for the event method: repeats are dropped, gaps
   * filled from the history first. Any thread, never blocks.
   */
  public boolean deliverFromChannel(
      ChannelMessage message, Inbox.Batch batch, ChannelCursors.Source source) {
    return deliverFromChannel(message, batch, source, false);
  }

  /**
   * As {@link #deliverFromChannel(ChannelMessage, Inbox.Batch, ChannelCursors.Source)}; {@code own}
   * when this connection published it: its cursor moves past the publication, and an auto-dispatch
   * client is sent the position alone, no event method runs.
   */
  public boolean deliverFromChannel(
      ChannelMessage message, Inbox.Batch batch, ChannelCursors.Source source, boolean own) {
    channelSource = source;
    return enqueue(
        () ->
            cursors()
                .live(
                    message.channel(),
                    message.position(),
                    message.event(),
                    message.args(),
                    own,
                    source,
                    channelSink),
        batch,
        true);
  }

  /** The controller subscribed this connection to {@code channel} (for events). */
  public void subscribedToChannel(String channel, ChannelCursors.Source source) {
    channelSource = source;
    enqueue(() -> cursors().subscribed(this, channel, source, channelSink), null, false);
  }

  /** The controller took this connection out of {@code channel}. */
  public void unsubscribedFromChannel(String channel) {
    enqueue(() -> cursors().unsubscribed(channel), null, false);
  }

  /**
   * The client's recovery frame: each position is queued, so that it runs in order with the
   * channel's publications.
   */
  @Override
  public String recoverChannels(String[] channels, String[] epochs, long[] offsets) {
    for (int i = 0; i < channels.length; i++) {
      String problem = ChannelPosition.problem(channels[i], epochs[i], offsets[i]);
      if (problem != null) {
        return problem;
      }
    }
    for (int i = 0; i < channels.length; i++) {
      recoverChannel(channels[i], epochs[i], offsets[i], null);
    }
    return null;
  }

  /**
   * A position to recover {@code channel} from (a checked one: {@link ChannelPosition#problem}),
   * queued so that it runs in order with the channel's publications; {@code source}: the server's
   * histories, or null for the one the first channel call handed over. Any thread.
   */
  public void recoverChannel(
      String channel, String epoch, long offset, ChannelCursors.Source source) {
    if (source != null) {
      channelSource = source;
    }
    ChannelPosition seen = new ChannelPosition(epoch, offset);
    enqueue(
        () -> {
          ChannelCursors.Source current = channelSource;
          cursors()
              .recover(this, channel, seen, current == null ? NO_CHANNELS : current, channelSink);
        },
        null,
        false);
  }

  /** Answers a recovery of {@code channel} at once, in order with the inbox: not recovered. */
  public void recoveryFailed(String channel) {
    enqueue(() -> channelSink.recovery(channel, false), null, false);
  }

  /** The running event method's channel publication; guarded by the callback lock (#18). */
  private HistoryPosition currentPosition;

  @Override
  public HistoryPosition channelPosition() {
    return callbacks.isHeldByCurrentThread() ? currentPosition : null;
  }

  /** An event from the inbox: binds its arguments and calls the event method. Events pool. */
  private void receiveEvent(String event, List<Object> values) {
    receiveEvent(event, values, null);
  }

  /** As {@link #receiveEvent(String, List)}; {@code message}: the mail it is, or null. */
  private void receiveEvent(String event, List<Object> values, MailboxMessage message) {
    receiveEvent(event, values, message, null, MAIL_KEY, mailTag(message));
  }

  /**
   * As {@link #receiveEvent(String, List)}; {@code position}: the channel publication it is, or
   * null; {@code tag}, when not null, goes with the reply under {@code key} ({@code _mail_} or
   * {@code _chan_}).
   */
  private void receiveEvent(
      String event,
      List<Object> values,
      MailboxMessage message,
      HistoryPosition position,
      String key,
      String tag) {
    EventMethod method = model.events().get(event);
    if (method == null) {
      metrics.rejected(RouteMetrics.Rejection.NO_METHOD);
      drop(event, "no @Event method of that name", key, tag);
      return;
    }
    if (!method.callableBy(Caller.SERVER)) {
      // Another connection, a Messenger, mail or the bus (any publisher on the Redis channel).
      metrics.rejected(RouteMetrics.Rejection.NOT_CALLABLE);
      drop(event, "the event accepts its client only (@Event(from = CLIENT))", key, tag);
      return;
    }
    Object[] args;
    try {
      args = PositionalBinder.bind(method, values);
    } catch (CoreValues.Mismatch e) {
      metrics.rejected(RouteMetrics.Rejection.BAD_ARGUMENTS);
      drop(event, e.getMessage(), key, tag);
      return;
    }
    invoke(
        null,
        event,
        () -> {
          // Set under the callback lock: another thread's callback, waiting for the lock
          // meanwhile, must not see them (#18)
          currentMail = message;
          currentPosition = position;
          try {
            reply(method.invoke(controller, args), key, tag);
          } finally {
            currentMail = null;
            currentPosition = null;
          }
        });
  }

  /** Counts an event from the server that ran; holds {@link #callbacks}. */
  private void countServerEvent(boolean ok) {
    if (!counting) {
      return;
    }
    if (ok && !serverEventsFolded) {
      SERVER_EVENTS.setOpaque(this, (long) SERVER_EVENTS.getOpaque(this) + 1);
    } else {
      metrics.dispatched(RouteMetrics.Source.SERVER, ok);
    }
  }

  /** Fills in this connection's part of a metrics snapshot, without waiting for its callbacks. */
  public void sample(ConnectionSample sample) {
    outbound.sample(sample);
    sample.connection(inbox.size(), (long) SERVER_EVENTS.getOpaque(this));
  }

  private void drop(String event, String why, String key, String tag) {
    DROPS.warn(
        "dropped a message for event '" + event + "' of " + model.type().getName() + ": " + why);
    if (tag != null) {
      outbound.offerText(
          MailTag.alone(key, tag)); // the client confirms (or counts) it all the same
    }
  }

  /**
   * What an event method returned, written to the client by auto-dispatch controllers; a mail
   * message's {@code tag} goes inside a JSON object reply, or in a frame of its own after it.
   */
  private void reply(Object result, String key, String tag) {
    String text =
        result != null && model.writesEventResults() ? model.textDispatcher().render(result) : null;
    String tagged = tag == null ? null : MailTag.tagged(text, key, tag);
    if (tagged != null) {
      outbound.offerText(tagged);
      return;
    }
    if (text != null) {
      outbound.offerText(text);
    }
    if (tag != null) {
      outbound.offerText(MailTag.alone(key, tag));
    }
  }

  // ---------------------------------------------------------------------------- the end

  /**
   * Runs onShutdown (once), then queues the going-away close after whatever it wrote. Close pool.
   */
  public void shutdown() {
    if (!closed.get() && shutdownStarted.compareAndSet(false, true)) {
      invoke("onShutdown", () -> ControllerHooks.get().onShutdown(controller));
      outbound.offerClose(CloseCodes.GOING_AWAY, "server shutting down");
    }
  }

  /**
   * The websocket ended: refuses new events, drops pending frames, leaves {@code registry}, then
   * runs onClose; once whatever the number of calls.
   *
   * @return whether this call ran onClose
   */
  public boolean closed(int code, String reason, ConnectionRegistry registry) {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    outbound.terminate();
    callbacks.lock(); // after opened(): a connection still in onOpen is in the registry by now
    try {
      serverEventsFolded = true; // before leaving the registry, so a snapshot misses it least
      metrics.dispatchedFromServer((long) SERVER_EVENTS.getOpaque(this));
      SERVER_EVENTS.setOpaque(this, 0L);
      registry.remove(this);
      if (counted) {
        metrics.closed(code);
      }
      invoke("onClose", () -> ControllerHooks.get().onClose(controller, code, reason));
    } finally {
      callbacks.unlock();
      closedFuture.complete(null);
    }
    return true;
  }

  /**
   * Runs a callback under the connection's lock; the single place where controller exceptions are
   * caught and logged.
   *
   * @return whether it returned normally
   */
  @Override
  public boolean invoke(String callback, Runnable action) {
    return invoke(callback, null, action);
  }

  /**
   * As {@link #invoke(String, Runnable)}; for an event, {@code event} names it and the log line's
   * text is only built if it throws (this runs for every delivery).
   */
  private boolean invoke(String callback, String event, Runnable action) {
    callbacks.lock();
    try {
      action.run();
      if (event != null) {
        countServerEvent(true);
      }
      return true;
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      if (event != null) {
        countServerEvent(false);
      }
      LOG.log(
          Level.ERROR,
          model.type().getName()
              + " connection "
              + uuid
              + ": "
              + (event == null ? callback : "event '" + event + "'")
              + " threw",
          e);
      return false;
    } finally {
      callbacks.unlock();
    }
  }

  @Override
  public String toString() {
    return uuid + " (" + model.type().getSimpleName() + ")";
  }
}
