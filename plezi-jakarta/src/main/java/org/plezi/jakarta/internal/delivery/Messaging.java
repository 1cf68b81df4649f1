package org.plezi.jakarta.internal.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.ChannelMessage;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;
import org.plezi.jakarta.internal.connection.Identities;
import org.plezi.jakarta.internal.hooks.ControllerConnection;
import org.plezi.jakarta.internal.hooks.ControllerMessaging;
import org.plezi.jakarta.internal.metrics.ChannelMetrics;
import org.plezi.jakarta.internal.metrics.Counter;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * This server's messaging, the delivery layer's entry point: made with the runtime, so that its
 * {@link #messenger()} and each class's {@link #senderFor controller forms} can be handed out
 * during start-up, and {@link #start started} with its bus and identity store only when start-up is
 * over (an integration such as CDI may still change the settings that choose them). Sending before
 * then throws {@link IllegalStateException}.
 *
 * <p>The parts: {@link Messages} builds each message once; {@link LocalDelivery} hands it to this
 * server's connections; the bus carries it to the others and {@link BusReceiver} takes theirs;
 * {@link UnicastAnswers} waits for other servers' answers to Messenger unicasts; {@link
 * FailedUnicasts} runs controllers' failed-unicast callbacks; {@link Mailboxes} sends to
 * identities; {@link ChannelRegistry} holds channel subscriptions.
 */
public final class Messaging {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  private final String serverUuid;
  private final ConnectionRegistry connections;
  private final Messages messages;
  private final LocalDelivery local;
  private final UnicastAnswers answers = new UnicastAnswers();
  private final ServerMessenger messenger = new ServerMessenger(this);
  private final BusReceiver inbound = new BusReceiver(this);
  private final ChannelRegistry channels = new ChannelRegistry(this);
  private final Presence presence = new Presence(this);

  /** The controller forms of each routed class, made on first use. */
  private final Map<ControllerModel, ControllerSender> senders = new ConcurrentHashMap<>();

  /** Unicasts whose target was gone (issue 19). */
  private final Counter unicastsFailed;

  /** What messaging runs on; null until {@link #start}, then set once. */
  private volatile Started started;

  /**
   * What messaging runs on once the application has started.
   *
   * @param events runs failed-unicast callbacks
   * @param unicastTimeoutMillis how long a Messenger unicast to another server waits
   */
  record Started(
      Bus bus,
      Mailboxes mailboxes,
      Executor events,
      long unicastTimeoutMillis,
      ScheduledExecutorService timers) {}

  /** Messaging of one server; unusable until {@link #start}, when the application has started. */
  public Messaging(String serverUuid, ConnectionRegistry connections) {
    this(serverUuid, connections, Counter.off());
  }

  /**
   * As the other constructor, counting failed unicasts into {@code unicastsFailed}.
   *
   * @param unicastsFailed counts unicasts whose target was gone (identity mail excluded: it waits)
   */
  public Messaging(String serverUuid, ConnectionRegistry connections, Counter unicastsFailed) {
    this.unicastsFailed = unicastsFailed;
    this.serverUuid = serverUuid;
    this.connections = connections;
    this.messages = new Messages(serverUuid);
    this.local = new LocalDelivery(connections);
  }

  /**
   * Wires the bus and the identity store, then starts receiving from the bus. Once.
   *
   * @param events runs failed-unicast callbacks
   * @param unicastTimeoutMillis how long a Messenger unicast to another server waits
   * @param timers the deployment's scheduler: ends those waits
   */
  public void start(
      Bus bus,
      Identities identities,
      Executor events,
      long unicastTimeoutMillis,
      ScheduledExecutorService timers) {
    if (started != null) {
      throw new IllegalStateException("messaging already started");
    }
    started =
        new Started(
            bus,
            new Mailboxes(serverUuid, messages, identities, bus),
            events,
            unicastTimeoutMillis,
            timers);
    bus.start(inbound);
  }

  /** This server's channel subscriptions (issue 17). */
  public ChannelRegistry channels() {
    return channels;
  }

  /** This server's side of channel presence (issue 17). */
  public Presence presence() {
    return presence;
  }

  /** The channel and presence sizes, for metrics snapshots. */
  public ChannelMetrics.Gauges channelGauges() {
    return new ChannelMetrics.Gauges() {
      @Override
      public long channels() {
        return channels.channelCount();
      }

      @Override
      public long subscriptions() {
        return channels.subscriptionCount();
      }

      @Override
      public long presenceMembers() {
        return presence.memberCount();
      }
    };
  }

  /** Whether {@link #start} ran. */
  public boolean isStarted() {
    return started != null;
  }

  /** The deployment's {@link Messenger}; usable once started. */
  public Messenger messenger() {
    return messenger;
  }

  /** The controller forms for a routed class's controllers; usable once started. */
  public ControllerMessaging senderFor(ControllerModel model) {
    return senders.computeIfAbsent(model, m -> new ControllerSender(this, m));
  }

  /**
   * The bus chosen at start.
   *
   * @throws IllegalStateException before the application has started
   */
  public Bus bus() {
    return started().bus();
  }

  /** Where the bus hands what it receives (exposed for tests that play another server). */
  public Bus.Receiver inbound() {
    return inbound;
  }

  /** How many messages this server prepared: one per send, whatever the number of receivers. */
  public long preparedCount() {
    return messages.preparedCount();
  }

  /**
   * What messaging runs on.
   *
   * @throws IllegalStateException before the application has started
   */
  Started started() {
    Started current = started;
    if (current == null) {
      throw new IllegalStateException(
          "Plezi messaging is available once the web application has "
              + "started (after its ServletContextListeners ran)");
    }
    return current;
  }

  /**
   * A channel message from this server: the bus first (a message it refuses goes nowhere), then the
   * local subscribers but {@code skip}.
   */
  void publish(ChannelMessage message, ControllerConnection skip) {
    Started current = started();
    ChannelHistory history = channels.history();
    if (history.keptByCluster(message)) { // issue 18: Redis numbers it, then it is delivered here
      history
          .publishKept(message)
          .whenComplete(
              (positioned, failure) -> {
                if (failure != null) {
                  LOG.log(
                      System.Logger.Level.DEBUG,
                      () -> "channel '" + message.channel() + "' not kept: " + failure);
                }
                ChannelMessage out = failure == null ? positioned : message; // local only then
                channels.published(out);
                channels.deliver(out, skip);
              });
      return;
    }
    ChannelMessage kept = history.record(message); // issue 18: its offset, if kept
    current.bus().publishChannel(kept);
    channels.published(kept);
    channels.deliver(kept, skip);
  }

  String serverUuid() {
    return serverUuid;
  }

  /** A unicast (not identity mail) did not reach its target. */
  void unicastFailed() {
    unicastsFailed.increment();
  }

  ConnectionRegistry connections() {
    return connections;
  }

  Messages messages() {
    return messages;
  }

  LocalDelivery local() {
    return local;
  }

  UnicastAnswers answers() {
    return answers;
  }
}
