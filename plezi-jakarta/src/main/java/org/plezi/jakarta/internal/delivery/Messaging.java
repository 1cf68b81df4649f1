package org.plezi.jakarta.internal.delivery;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.internal.base.CoreValues;
import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;
import org.plezi.jakarta.internal.connection.Inbox;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * Routes events between connections: local fan-out into each receiver's inbox, and the bus for
 * other servers. Each send freezes its arguments once; every local receiver and the bus share that
 * one {@link Message}. Made with the runtime, so that it can be handed out during start-up, but
 * wired to its bus and identity store only when start-up is over ({@link #start}): sending
 * before then throws {@link IllegalStateException}.
 */
public final class Messaging implements Messenger, Bus.Receiver {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  private final String serverUuid;
  private final ConnectionRegistry connections;

  /** What the runtime chose when the application started (bus, store, pool); null before. */
  private volatile Wiring wiring;

  /** Messenger unicasts to other servers waiting for their answer, by ack id. */
  private final Map<String, CompletableFuture<Boolean>> awaitingAnswer = new ConcurrentHashMap<>();

  /** Messages built (arguments frozen) by sends from this server: one per send, however wide. */
  private final LongAdder prepared = new LongAdder();

  /**
   * What messaging runs on, chosen from the settings once an integration (CDI) has had its say.
   *
   * @param events runs failed-unicast callbacks
   * @param unicastTimeoutMillis how long a Messenger unicast to another server waits
   */
  record Wiring(Bus bus, Identities identities, Executor events, long unicastTimeoutMillis) {}

  /** Messaging of one server; unusable until {@link #start}, when the application has started. */
  Messaging(String serverUuid, ConnectionRegistry connections) {
    this.serverUuid = serverUuid;
    this.connections = connections;
  }

  /** Wires the bus and identity mailboxes, then starts receiving from the bus. Once. */
  void start(Wiring chosen) {
    if (wiring != null) {
      throw new IllegalStateException("messaging already started");
    }
    wiring = chosen;
    chosen.bus().start(this);
  }

  /** Whether {@link #start} ran. */
  boolean isStarted() {
    return wiring != null;
  }

  /**
   * What messaging runs on.
   *
   * @throws IllegalStateException before the application has started
   */
  private Wiring wiring() {
    Wiring current = wiring;
    if (current == null) {
      throw new IllegalStateException("Plezi messaging is available once the web application has "
          + "started (after its ServletContextListeners ran)");
    }
    return current;
  }

  /**
   * The bus chosen at start.
   *
   * @throws IllegalStateException before the application has started
   */
  public Bus bus() {
    return wiring().bus();
  }

  /**
   * Identity mailboxes.
   *
   * @throws IllegalStateException before the application has started
   */
  public Identities identities() {
    return wiring().identities();
  }

  @Override
  public boolean notify(String identity, String event, Object... args) {
    return identities().notify(identity, event, args);
  }

  // ------------------------------------------------------------------------ Messenger

  @Override
  public void multicast(String event, Object... args) {
    multicast(null, event, args);
  }

  @Override
  public void broadcast(Class<? extends Controller> target, String event, Object... args) {
    broadcast(null, target, event, args);
  }

  @Override
  public CompletionStage<Boolean> unicast(String uuid, String event, Object... args) {
    Wiring current = wiring();
    Message message = unicastMessage(uuid, event, args, null);
    if (message == null) {
      return CompletableFuture.completedFuture(false);
    }
    if (serverUuid.equals(message.toServer())) {
      return CompletableFuture.completedFuture(deliverUnicast(message));
    }
    String ackId = UUID.randomUUID().toString();
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    awaitingAnswer.put(ackId, answer);
    answer.orTimeout(current.unicastTimeoutMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((delivered, failure) -> awaitingAnswer.remove(ackId));
    current.bus().send(message.withAckId(ackId));
    return answer.copy();
  }

  // ---------------------------------------------------------------- controller forms

  /** A multicast, skipping {@code sender} (null: skip none). */
  public void multicast(Connection sender, String event, Object... args) {
    Bus bus = bus();
    Message message = prepare(event, args, Message.ALL, null, null, null);
    Inbox.Batch batch = new Inbox.Batch();
    for (Connection connection : connections.all()) {
      if (connection != sender) {
        connection.deliver(message, batch);
      }
    }
    batch.start();
    bus.publish(message);
  }

  /** A broadcast to a class and its subclasses, skipping {@code sender} (null: skip none). */
  public void broadcast(Connection sender, Class<?> target, String event, Object... args) {
    Bus bus = bus();
    Message message =
        prepare(event, args, ConnectionRegistry.clusterName(target), null, null, null);
    fanOut(message, sender);
    bus.publish(message);
  }

  /** A unicast from a controller: failure goes to its class's failed-unicast callback. */
  public void unicast(ControllerModel sender, String uuid, String event, Object... args) {
    Bus bus = bus();
    Message message = unicastMessage(uuid, event, args, sender.clusterName());
    if (message == null) {
      failed(sender, uuid, event, CoreValues.freeze(args));
    } else if (serverUuid.equals(message.toServer())) {
      if (!deliverUnicast(message)) {
        failed(sender, uuid, event, message.args());
      }
    } else {
      bus.send(message);
    }
  }

  /** A message carrying an event and its frozen arguments, not yet addressed. */
  Message prepareEvent(String event, Object... args) {
    return prepare(event, args, Message.ALL, null, null, null);
  }

  /** Sends an identity's message to a connection on another server; failure is not reported. */
  void sendMail(Message mail) {
    bus().send(mail);
  }

  /** How many messages this server prepared: one per send, whatever the number of receivers. */
  public long preparedCount() {
    return prepared.sum();
  }

  // ------------------------------------------------------------------------- inbound

  @Override
  public boolean receive(Message message) {
    if (message.isUnicast()) {
      return serverUuid.equals(message.toServer()) && deliverUnicast(message);
    }
    if (serverUuid.equals(message.fromServer())) {
      return true; // our own publish, already delivered locally
    }
    if (message.isMulticast()) {
      Inbox.Batch batch = new Inbox.Batch();
      for (Connection connection : connections.all()) {
        connection.deliver(message, batch);
      }
      batch.start();
    } else {
      fanOut(message, null);
    }
    return true;
  }

  /** Delivers a unicast addressed to this server; false when the target is gone. */
  public boolean deliverUnicast(Message message) {
    Connection target = connections.get(message.target());
    return target != null && target.deliver(message);
  }

  @Override
  public void receiveForeign(Object payload) {
    for (Connection connection : connections.all()) {
      connection.deliverForeign(payload);
    }
  }

  @Override
  public void unicastFailed(Message unicast) {
    if (unicast.mail() != null) {
      return; // an identity's message stays in its mailbox for the next registration
    }
    if (unicast.ackId() != null) {
      CompletableFuture<Boolean> answer = awaitingAnswer.remove(unicast.ackId());
      if (answer != null) {
        answer.complete(false);
      }
      return;
    }
    failed(connections.routeOf(unicast.senderType()), unicast.targetUuid(), unicast.event(),
        unicast.args());
  }

  @Override
  public void unicastDelivered(String ackId) {
    CompletableFuture<Boolean> answer = awaitingAnswer.remove(ackId);
    if (answer != null) {
      answer.complete(true);
    }
  }

  // ------------------------------------------------------------------------- helpers

  /** Every connection of the message's classes; their drains start in batches (see Inbox). */
  private void fanOut(Message message, Connection sender) {
    Inbox.Batch batch = new Inbox.Batch();
    for (Set<Connection> set : connections.ofClusterName(message.type())) {
      for (Connection connection : set) {
        if (connection != sender) {
          connection.deliver(message, batch);
        }
      }
    }
    batch.start();
  }

  private Message prepare(String event, Object[] args, String type, String toServer,
      String target, String senderType) {
    if (event == null || event.isEmpty()) {
      throw new IllegalArgumentException("an event name is required");
    }
    if (!org.plezi.jakarta.internal.wire.Envelope.isMethodName(event)) {
      throw new IllegalArgumentException("an event name is a Java identifier of at most 255 "
          + "characters: '" + (event.length() > 40 ? event.substring(0, 40) + "…" : event) + "'");
    }
    List<Object> frozen = CoreValues.freeze(args);
    prepared.increment();
    return new Message(event, frozen, type, toServer, target, serverUuid, senderType, null, null);
  }

  /** The unicast for a uuid, or null (after checking the arguments) when it names nothing. */
  private Message unicastMessage(String uuid, String event, Object[] args, String senderType) {
    if (uuid == null || uuid.length() <= 36 || uuid.length() > 36 + 16) {
      prepare(event, args, null, null, null, senderType);
      return null;
    }
    return prepare(event, args, null, uuid.substring(0, 36), uuid.substring(36), senderType);
  }

  /** Runs the sender class's failed-unicast callback on the events pool. */
  private void failed(ControllerModel sender, String uuid, String event, List<Object> args) {
    Method callback = sender == null ? null : sender.failedUnicast();
    if (callback == null) {
      LOG.log(Level.DEBUG, () -> "unicast " + event + " to " + uuid + " failed: target gone");
      return;
    }
    wiring().events().execute(() -> {
      try {
        callback.invoke(null, uuid, event, args);
      } catch (ReflectiveOperationException | RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        LOG.log(Level.ERROR, ControllerModel.describe(callback.getDeclaringClass(), callback)
            + " threw", cause);
      }
    });
  }
}
