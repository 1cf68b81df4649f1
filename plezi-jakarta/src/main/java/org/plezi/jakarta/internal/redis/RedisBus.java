package org.plezi.jakarta.internal.redis;

import java.lang.System.Logger.Level;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.plezi.jakarta.internal.base.RateLimitedLog;
import org.plezi.jakarta.internal.base.Threads;
import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.ChannelMessage;
import org.plezi.jakarta.internal.bus.LinkState;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.internal.bus.Outage;
import org.plezi.jakarta.internal.metrics.BusMetrics;
import org.plezi.jakarta.internal.wire.Decoded;
import org.plezi.jakarta.internal.wire.Envelope;
import org.plezi.jakarta.internal.wire.EnvelopeCodec;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.StatusListener;
import org.redisson.client.codec.StringCodec;

/**
 * The cluster bus: Plezi's YAML envelopes over Redis pub/sub, through one Redisson client per
 * server. Two subscriptions in all: the global channel (multicasts, broadcasts, and whatever other
 * programs publish there) and this server's private channel, named by its uuid (unicasts to it, and
 * answers to its own unicasts). A unicast is published only on its target server's channel. On
 * Redis Cluster the private channels are sharded ({@link PrivateChannels}).
 *
 * <p>Redis may be down when the application starts: the bus then connects in the background,
 * retrying with a growing delay, while local delivery works; messages for other servers meanwhile
 * are dropped and reported. Once connected, Redisson reconnects and resubscribes by itself after
 * Redis restarts.
 */
public final class RedisBus implements Bus {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  /** Extra envelope key: {@code failed} or {@code delivered}, on an answer to a unicast. */
  static final String REPLY = "_pl_reply";

  /** Extra envelope key: the id a Messenger unicast's answer carries. */
  static final String ACK = "_pl_ack";

  /** Extra envelope key: the cluster name of the controller class that sent a unicast. */
  static final String SENDER = "_pl_sender";

  /**
   * Extra envelope key (issue 19, optional): when the envelope was published, in microseconds since
   * the Unix epoch (UTC, the sender's wall clock); the receiver measures the cluster latency.
   */
  static final String SENT = "_pl_sent";

  private final String serverUuid;
  private final String channel;
  private final Supplier<RedissonClient> connector;
  private final boolean ownsClient;

  /** Encodes and decodes envelopes; replaced once by {@link #limitMessages}, before start. */
  private volatile EnvelopeCodec codec;

  private final ScheduledExecutorService connecting;
  private final RateLimitedLog problems = new RateLimitedLog(LOG);

  /** Publishes refused for their size: a line of their own, rate-limited. */
  private final RateLimitedLog refusals = new RateLimitedLog(LOG);

  /**
   * Messages from Redis this server could not read: a line of their own, so that a publish failure
   * a moment before cannot hold back the line about another program's bad input.
   */
  private final RateLimitedLog rejections = new RateLimitedLog(LOG);

  /** How long {@link #close} waits for the client's threads and this bus's to end. */
  private static final long CLOSE_MILLIS = 5_000;

  /** The outage, the call funnel and the healer (issue 21). */
  private final RedisLink link;

  /** The application's channels on Redis (issue 17). */
  private final RedisChannels channels;

  /** Channel history in Redis Streams (issue 18). */
  private final RedisHistory history;

  /** How often the link check runs once joined ({@code plezi.redis.checkMillis}). */
  private volatile long checkMillis = 2_000;

  /** Payloads published by this server (one per multicast or broadcast, one per unicast). */
  private final LongAdder published = new LongAdder();

  /** Traffic counts; set once by bindMetrics, before start. */
  private volatile BusMetrics metrics = BusMetrics.standalone(false);

  /** Set once, by start; read by Redisson's listener threads. */
  private volatile Receiver receiver;

  /**
   * The joined state: written by the connecting thread and by close under this bus's monitor, so
   * that both or neither see the bus joined; read without it by senders.
   */
  private volatile RedissonClient client;

  private volatile RTopic global;

  /** Set once, by close; the connecting thread stops retrying once it sees it. */
  private volatile boolean closed;

  /** This bus's two subscriptions (global, private) with their listener ids; null until joined. */
  private volatile Subscriptions subscriptions;

  /** What to unsubscribe from a client that outlives the bus (the application's own). */
  private record Subscriptions(
      RTopic global, int globalListener, RTopic own, int ownListener, int statusListener) {}

  /**
   * @param connector makes the client; called on a background thread until it succeeds
   * @param ownsClient whether {@link #close()} shuts the client down (not when an application
   *     supplied it)
   */
  public RedisBus(
      String serverUuid,
      String channel,
      Supplier<RedissonClient> connector,
      boolean ownsClient,
      EnvelopeCodec codec) {
    this.serverUuid = serverUuid;
    this.channel = channel;
    this.connector = connector;
    this.ownsClient = ownsClient;
    this.codec = codec;
    this.connecting = Threads.scheduler("redis", serverUuid);
    this.link = new RedisLink(channel, serverUuid, LOG);
    this.channels =
        new RedisChannels(channel, serverUuid, () -> this.codec, link.calls, () -> metrics);
    link.healer.add(channels); // failed subscriptions are tried again by the heal pass
    this.history = new RedisHistory(this, channel, serverUuid, () -> this.codec);
  }

  /** Sets {@code plezi.redis.checkMillis}; before {@link #start}. */
  public void checkEvery(long millis) {
    this.checkMillis = millis;
  }

  /**
   * Sets {@code plezi.bus.maxMessageBytes}, the bound of what this server publishes and decodes;
   * before {@link #start}.
   */
  public void limitMessages(int maxBytes) {
    this.codec = new EnvelopeCodec(codec.limits().withMaxPayloadBytes(maxBytes));
  }

  /** The codec's bounds, {@code plezi.bus.maxMessageBytes} among them. */
  public org.plezi.jakarta.internal.wire.Limits limits() {
    return codec.limits();
  }

  /** The funnel every Redis call of the library goes through (one failure contract). */
  public RedisCalls calls() {
    return link.calls;
  }

  /** What this server knows of its link to Redis (for metrics and health). */
  @Override
  public LinkState linkState() {
    return link;
  }

  /** The healer, which state owners register with at wiring time. */
  public org.plezi.jakarta.internal.bus.Healer healer() {
    return link.healer;
  }

  @Override
  public void bindMetrics(BusMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void start(Receiver receiver) {
    this.receiver = receiver;
    channels.start(receiver);
    connecting.execute(() -> connect(1));
  }

  /** Whether the bus is subscribed to Redis. */
  public boolean isConnected() {
    return global != null;
  }

  /**
   * The connected Redisson client, for the cluster's identity store.
   *
   * @throws IllegalStateException while Redis is not reachable
   */
  public RedissonClient client() {
    RedissonClient current = client;
    if (current == null) {
      throw new Outage.Unavailable("Plezi: not connected to Redis (yet)", null);
    }
    return current;
  }

  /** How many payloads this server has published. */
  public long publishedCount() {
    return published.sum();
  }

  public String channel() {
    return channel;
  }

  private void connect(int attempt) {
    if (closed) {
      return;
    }
    try {
      RedissonClient connected = connector.get();
      RTopic globalTopic = connected.getTopic(channel, StringCodec.INSTANCE);
      RTopic privateTopic = PrivateChannels.of(connected, serverUuid);
      int globalListener =
          globalTopic.addListener(String.class, (name, payload) -> onGlobal(payload));
      int privateListener =
          privateTopic.addListener(String.class, (name, payload) -> onPrivate(payload));
      int statusListener =
          privateTopic.addListener(
              new StatusListener() {
                @Override
                public void onSubscribe(String name) {
                  link.subscribed();
                }

                @Override
                public void onUnsubscribe(String name) {
                  // Redisson resubscribes by itself; the check after it tells what happened
                }
              });
      synchronized (this) { // against close(): both or neither see the joined state
        subscriptions =
            new Subscriptions(
                globalTopic, globalListener, privateTopic, privateListener, statusListener);
        client = connected;
        global = globalTopic;
      }
      channels.joined(connected);
      LOG.log(
          Level.INFO,
          "Plezi server "
              + serverUuid
              + " joined the cluster on Redis channel '"
              + channel
              + "'"
              + (attempt > 1 ? " after " + attempt + " attempts" : ""));
      if (closed) {
        shutdownClient(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_MILLIS));
      } else {
        link.joined(connected, connecting, checkMillis);
      }
    } catch (RuntimeException e) {
      long delay = Math.min(30, 1L << Math.min(attempt - 1, 5));
      LOG.log(
          Level.WARNING,
          "Plezi: Redis is not reachable ("
              + e.getMessage()
              + "); "
              + "serving this server's connections only, retrying in "
              + delay
              + " s");
      if (!closed) {
        connecting.schedule(() -> connect(attempt + 1), delay, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public void publish(Message message) {
    RTopic topic = global;
    if (topic == null) {
      metrics.publishFailed();
      problems.warn(
          "not connected to Redis: a "
              + describe(message)
              + " reached this server's connections only");
      return;
    }
    publish(topic, Envelopes.toEnvelope(message, sentMicros()), message, false);
  }

  @Override
  public void subscribeChannel(String name) {
    channels.subscribe(name);
  }

  @Override
  public void unsubscribeChannel(String name) {
    channels.unsubscribe(name);
  }

  @Override
  public void publishChannel(ChannelMessage message) {
    published.increment();
    channels.publish(message);
  }

  @Override
  public boolean keepsChannelHistory() {
    return true;
  }

  @Override
  public java.util.concurrent.CompletionStage<ChannelMessage> publishChannelKept(
      ChannelMessage message, int size, long maxAgeMillis) {
    channels.check(message); // over the bounds: refused before anything is kept
    return history
        .keep(message.channel(), message.event(), message.args(), size, maxAgeMillis)
        .thenApply(
            at -> {
              ChannelMessage kept = message.at(at);
              publishChannel(kept);
              return kept;
            });
  }

  @Override
  public java.util.List<org.plezi.jakarta.internal.bus.HistoryStore.Entry> readChannelHistory(
      String channel, String epoch, long after, long before, long maxAgeMillis) {
    if (!isConnected()) {
      return null;
    }
    return history.read(channel, epoch, after, before, maxAgeMillis);
  }

  /** The channels' side of this bus (issue 17). */
  RedisChannels channels() {
    return channels;
  }

  @Override
  public void send(Message message) {
    RedissonClient current = client;
    if (current == null) {
      metrics.publishFailed();
      problems.warn(
          "not connected to Redis: unicast '"
              + message.event()
              + "' to "
              + message.toServer()
              + " could not be sent");
      failed(message);
      return;
    }
    Envelope envelope = Envelopes.toEnvelope(message, sentMicros());
    publish(PrivateChannels.of(current, message.toServer()), envelope, message, true);
  }

  /**
   * Publishes; a unicast nobody is subscribed for, or a failed publish, fails the unicast.
   *
   * @throws IllegalArgumentException when the encoded envelope is above {@code
   *     plezi.bus.maxMessageBytes} (or another bound of the codec): refused before anything reaches
   *     Redis, since a message that a subscriber's output buffer cannot hold would make Redis cut
   *     every server's subscription
   */
  private void publish(RTopic topic, Envelope envelope, Message message, boolean unicast) {
    String payload;
    try {
      payload = codec.encode(envelope);
    } catch (IllegalArgumentException e) {
      metrics.publishFailed();
      String refusal =
          "a "
              + describe(message)
              + " was refused, nothing was sent: its "
              + e.getMessage()
              + " (plezi.bus.maxMessageBytes bounds what crosses the Redis bus)";
      refusals.warn(refusal);
      throw new IllegalArgumentException("Plezi: " + refusal, e);
    }
    published.increment();
    BusMetrics counts = metrics;
    counts.published(kindOf(message));
    link.calls
        .publishAsync(() -> topic.publishAsync(payload))
        .whenComplete(
            (receivers, failure) -> {
              if (failure != null) {
                counts.publishFailed();
                if (!(failure instanceof Outage.Unavailable)) { // an outage is logged once
                  problems.warn(
                      "publishing a " + describe(message) + " to Redis failed: " + failure);
                }
                if (unicast) {
                  failed(message);
                }
              } else if (unicast && receivers != null && receivers == 0) {
                failed(message); // no server listens on that channel: it is gone
              }
            });
  }

  /** Now, for {@code _pl_sent}; 0 (not stamped) when metrics are off. */
  private long sentMicros() {
    BusMetrics counts = metrics;
    return counts.enabled() ? counts.nowMicros() : 0;
  }

  private static BusMetrics.Kind kindOf(Message message) {
    return message.isUnicast()
        ? BusMetrics.Kind.UNICAST
        : message.isMulticast() ? BusMetrics.Kind.MULTICAST : BusMetrics.Kind.BROADCAST;
  }

  private void onGlobal(String payload) {
    Decoded decoded = codec.decode(payload);
    Receiver current = receiver;
    if (current == null) {
      return;
    }
    if (decoded instanceof Decoded.Message m) {
      Envelope envelope = m.envelope();
      if (serverUuid.equals(envelope.server())) {
        return; // our own publish: the sender delivers locally
      }
      if (envelope.isUnicast() && !serverUuid.equals(envelope.toServer())) {
        return; // a unicast published on the global channel for another server
      }
      deliver(current, envelope);
    } else if (decoded instanceof Decoded.Foreign f) {
      metrics.foreign();
      current.receiveForeign(f.value());
    } else if (decoded instanceof Decoded.Rejected r) {
      metrics.rejected();
      rejections.warn("rejected a message on Redis channel '" + channel + "': " + r.reason());
    }
  }

  private void onPrivate(String payload) {
    Decoded decoded = codec.decode(payload);
    Receiver current = receiver;
    if (current == null) {
      return;
    }
    if (decoded instanceof Decoded.Message m) {
      deliver(current, m.envelope());
    } else if (decoded instanceof Decoded.Rejected r) {
      metrics.rejected();
      rejections.warn("rejected a message on this server's private channel: " + r.reason());
    } else if (decoded instanceof Decoded.Foreign f) {
      metrics.foreign();
      current.receiveForeign(f.value());
    }
  }

  private void deliver(Receiver current, Envelope envelope) {
    Object reply = envelope.extra().get(REPLY);
    Message message = Envelopes.toMessage(envelope);
    BusMetrics counts = metrics;
    if (reply != null) {
      counts.received(BusMetrics.Kind.REPLY);
    } else {
      counts.received(kindOf(message));
      counts.receivedSentAt(envelope.extra().get(SENT));
    }
    if ("failed".equals(reply)) {
      current.unicastFailed(message);
    } else if ("delivered".equals(reply)) {
      current.unicastDelivered(String.valueOf(envelope.extra().get(ACK)));
    } else if (message.isUnicast()) {
      boolean delivered = current.receive(message);
      if (!delivered) {
        answer(envelope, "failed");
      } else if (envelope.extra().get(ACK) != null) {
        answer(envelope, "delivered");
      }
    } else {
      current.receive(message);
    }
  }

  /** Tells a unicast's sender what became of it, on the sender's private channel. */
  private void answer(Envelope unicast, String outcome) {
    RedissonClient current = client;
    if (current == null || unicast.server() == null) {
      return;
    }
    Envelope reply = unicast.withExtra(REPLY, outcome);
    metrics.published(BusMetrics.Kind.REPLY);
    RTopic topic = PrivateChannels.of(current, unicast.server());
    String payload = codec.encode(reply);
    link.calls
        .publishAsync(() -> topic.publishAsync(payload))
        .whenComplete(
            (receivers, failure) -> {
              if (failure != null && !(failure instanceof Outage.Unavailable)) {
                problems.warn("answering a unicast on Redis failed: " + failure);
              }
            });
  }

  private void failed(Message message) {
    Receiver current = receiver;
    if (current != null) {
      current.unicastFailed(message);
    }
  }

  private static String describe(Message message) {
    return (message.isUnicast() ? "unicast" : message.isMulticast() ? "multicast" : "broadcast")
        + " '"
        + message.event()
        + "'";
  }

  @Override
  public void close() {
    closed = true;
    link.calls.close();
    connecting.shutdownNow();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_MILLIS);
    shutdownClient(deadline);
    // No thread of ours, Redisson's or Netty's may outlive the application (issue 21).
    if (!Quiesce.pools(deadline, connecting)) {
      LOG.log(Level.WARNING, "Plezi: the Redis thread did not end in " + CLOSE_MILLIS + " ms");
    }
  }

  private void shutdownClient(long deadline) {
    RedissonClient current;
    Subscriptions subscribed;
    channels.left();
    synchronized (this) {
      current = client;
      subscribed = subscriptions;
      global = null;
      client = null;
      subscriptions = null;
    }
    if (current == null) {
      return;
    }
    if (ownsClient) {
      if (!Quiesce.redisson(current, deadline)) {
        LOG.log(
            Level.WARNING,
            "Plezi: Redisson's or Netty's threads did not end in " + CLOSE_MILLIS + " ms");
      }
      return;
    }
    // The application's client may live on: stop listening on it, without waiting for Redis.
    try {
      if (!current.isShutdown()) {
        subscribed.global().removeListenerAsync(subscribed.globalListener());
        subscribed.own().removeListenerAsync(subscribed.ownListener());
        subscribed.own().removeListenerAsync(subscribed.statusListener());
      }
    } catch (RuntimeException e) {
      // Already gone with its application (a CDI proxy whose context ended): nothing to undo.
      LOG.log(Level.DEBUG, () -> "Plezi: the application's Redis client is gone: " + e);
    }
  }
}
