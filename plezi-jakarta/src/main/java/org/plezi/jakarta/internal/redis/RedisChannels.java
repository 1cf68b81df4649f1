package org.plezi.jakarta.internal.redis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.plezi.jakarta.internal.base.RateLimitedLog;
import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.Change;
import org.plezi.jakarta.internal.bus.ChannelMessage;
import org.plezi.jakarta.internal.bus.ChannelPosition;
import org.plezi.jakarta.internal.bus.ClusterState;
import org.plezi.jakarta.internal.bus.Outage;
import org.plezi.jakarta.internal.metrics.BusMetrics;
import org.plezi.jakarta.internal.wire.Decoded;
import org.plezi.jakarta.internal.wire.Envelope;
import org.plezi.jakarta.internal.wire.EnvelopeCodec;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The channels of the Redis bus (issue 17): one Redis pub/sub channel per application channel,
 * named {@code <cluster channel>:ch:<name>}, subscribed while this server has a local subscriber
 * (on the client's subscription connection, which Redisson shares between channels) and published
 * to once per publish.
 *
 * <p>Payloads: an event is a Plezi envelope as on the global channel (its {@code :type:} is
 * ignored; Plezi writes {@code :all}); raw text from a Plezi server is an envelope too, with the
 * text under the extra key {@value #RAW} (so that a server can drop its own publishes); anything
 * else, such as {@code redis-cli PUBLISH <cluster>:ch:<name> hello}, is raw text for the channel's
 * raw subscribers, at most the codec's payload limit in characters. A payload that starts with
 * {@code ---} is read as YAML; one the codec rejects (unsafe, too deep, too big) is dropped,
 * counted and logged (rate-limited).
 *
 * <p>Thread-safety: this object's monitor guards the subscribed channels and the client, against
 * the connecting thread, closes, and subscribers' threads; it is a leaf, held only while queuing
 * asynchronous Redisson calls. Listeners run on Redisson's threads and never block.
 */
final class RedisChannels implements ClusterState {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  /** Extra envelope key: the raw text of a channel publish from a Plezi server. */
  static final String RAW = "_pl_raw";

  /** Extra envelope keys: a kept publication's epoch and offset (issue 18). */
  static final String EPOCH = "_pl_ep";

  static final String OFFSET = "_pl_off";

  /** The method an envelope carrying raw text names (ignored on receipt). */
  private static final String RAW_METHOD = "_pl_raw";

  private final String prefix;
  private final String serverUuid;

  /** The bus's codec, which {@code plezi.bus.maxMessageBytes} may replace before start. */
  private final Supplier<EnvelopeCodec> codec;

  private final RedisCalls calls;
  private final RateLimitedLog problems = new RateLimitedLog(LOG);

  /** Channel messages this server could not read: not held back by a failed publish's line. */
  private final RateLimitedLog rejections = new RateLimitedLog(LOG);

  /** The bus's counts: rejected payloads, failed publishes (issue 19). */
  private final Supplier<BusMetrics> metrics;

  /** The channels with a local subscriber, and their Redis listener once joined. Monitor. */
  private final Map<String, Listening> channels = new HashMap<>();

  /** The joined client; null before joining and after close. Monitor. */
  private RedissonClient client;

  /** Where messages go; set by start. */
  private volatile Bus.Receiver receiver;

  /** One channel's listener: the topic and its listener id once Redisson has subscribed. */
  private record Listening(RTopic topic, CompletionStage<Integer> listenerId) {}

  RedisChannels(
      String clusterChannel,
      String serverUuid,
      Supplier<EnvelopeCodec> codec,
      RedisCalls calls,
      Supplier<BusMetrics> metrics) {
    this.metrics = metrics;
    this.prefix = clusterChannel + ":ch:";
    this.serverUuid = serverUuid;
    this.codec = codec;
    this.calls = calls;
  }

  /** The Redis channel of an application channel. */
  String redisName(String channel) {
    return prefix + channel;
  }

  void start(Bus.Receiver receiver) {
    this.receiver = receiver;
  }

  /** Joined the cluster: subscribes every channel that has local subscribers already. */
  synchronized void joined(RedissonClient connected) {
    client = connected;
    channels.replaceAll((name, none) -> listen(connected, name));
  }

  /** The bus closes: stops listening (the application's client lives on), forgets the client. */
  synchronized void left() {
    RedissonClient current = client;
    client = null;
    if (current != null && !current.isShutdown()) {
      channels.values().forEach(RedisChannels::stop);
    }
    channels.replaceAll((name, listening) -> null);
  }

  synchronized void subscribe(String channel) {
    if (channels.containsKey(channel)) {
      return;
    }
    // Called on the subscribing connection's thread, often the container's: no Netty map left.
    calls.withoutThreadLocals(
        () -> channels.put(channel, client == null ? null : listen(client, channel)));
  }

  synchronized void unsubscribe(String channel) {
    Listening listening = channels.remove(channel);
    if (listening != null) {
      calls.withoutThreadLocals(() -> stop(listening));
    }
  }

  /** Whether this server listens to {@code channel} (for tests). */
  synchronized boolean isListening(String channel) {
    return channels.get(channel) != null;
  }

  private Listening listen(RedissonClient connected, String channel) {
    RTopic topic = connected.getTopic(redisName(channel), StringCodec.INSTANCE);
    Listening[] self = new Listening[1];
    // Not through RedisCalls: a subscription that Redisson cannot place is no Redis outage, and
    // Redisson resubscribes by itself after a reconnection.
    CompletableFuture<Integer> id =
        topic
            .addListenerAsync(
                String.class,
                (name, payload) -> {
                  if (isCurrent(channel, self)) { // not a listener being removed
                    onMessage(channel, payload);
                  }
                })
            .toCompletableFuture()
            .whenComplete(
                (ok, failure) -> {
                  if (failure != null) {
                    problems.warn(
                        "subscribing to Redis channel '"
                            + redisName(channel)
                            + "' failed (the next heal pass tries again): "
                            + failure);
                    failed(channel, self);
                  }
                });
    self[0] = new Listening(topic, id);
    return id.isCompletedExceptionally() ? null : self[0]; // failed at once: not listening
  }

  /** A subscription that failed: not listening, for {@link #restore} to try again. */
  private synchronized void failed(String channel, Listening[] self) {
    if (self[0] != null && channels.get(channel) == self[0]) {
      channels.put(channel, null);
    }
  }

  @Override
  public String name() {
    return "channel subscriptions";
  }

  /**
   * The heal pass (issue 21): subscribes again the channels whose subscription failed (Redisson
   * itself resubscribes the others after a reconnection; pub/sub holds no data to write again).
   */
  @Override
  public synchronized CompletionStage<Integer> restore(Change change) {
    if (client == null) {
      return CompletableFuture.completedFuture(0);
    }
    int[] count = new int[1];
    RedissonClient connected = client;
    channels.replaceAll(
        (name, listening) -> {
          if (listening != null) {
            return listening;
          }
          count[0]++;
          return listen(connected, name);
        });
    return CompletableFuture.completedFuture(count[0]);
  }

  /** Nothing to remove: the bus's close ends the subscriptions. */
  @Override
  public CompletionStage<Integer> release() {
    return CompletableFuture.completedFuture(0);
  }

  /** Whether {@code self[0]} is the channel's listener (set under this monitor by listen). */
  private synchronized boolean isCurrent(String channel, Listening[] self) {
    return self[0] != null && channels.get(channel) == self[0];
  }

  private static void stop(Listening listening) {
    if (listening != null) {
      listening
          .listenerId()
          .thenAccept(id -> listening.topic().removeListenerAsync(id))
          .exceptionally(failure -> null);
    }
  }

  /** Publishes once to the channel's Redis channel; never blocks. */
  void publish(ChannelMessage message) {
    RedissonClient current;
    synchronized (this) {
      current = client;
    }
    if (current == null) {
      metrics.get().publishFailed();
      problems.warn(
          "not connected to Redis: a publish to channel '"
              + message.channel()
              + "' reached this server's subscribers only");
      return;
    }
    String payload = encode(message);
    RTopic topic = current.getTopic(redisName(message.channel()), StringCodec.INSTANCE);
    calls
        .publishAsync(() -> topic.publishAsync(payload))
        .whenComplete(
            (receivers, failure) -> {
              if (failure != null) {
                metrics.get().publishFailed();
                if (!(failure instanceof Outage.Unavailable)) {
                  problems.warn(
                      "publishing to channel '" + message.channel() + "' failed: " + failure);
                }
              }
            });
  }

  /** Whether {@code message} fits the bus's bounds; throws as {@link #publish} does if not. */
  void check(ChannelMessage message) {
    encode(message);
  }

  private String encode(ChannelMessage message) {
    Envelope envelope =
        message.isRaw()
            ? Envelope.multicast(RAW_METHOD, List.of(), serverUuid).withExtra(RAW, message.raw())
            : Envelope.multicast(message.event(), message.args(), serverUuid);
    if (message.position() != null) {
      envelope =
          envelope
              .withExtra(EPOCH, message.position().epoch())
              .withExtra(OFFSET, message.position().offset());
    }
    try {
      return codec.get().encode(envelope);
    } catch (IllegalArgumentException e) {
      metrics.get().publishFailed();
      throw new IllegalArgumentException(
          "Plezi: a publish to channel '"
              + message.channel()
              + "' was refused, nothing was sent: its "
              + e.getMessage()
              + " (plezi.bus.maxMessageBytes bounds what crosses the Redis bus)",
          e);
    }
  }

  /** A kept publication's position from its envelope; null when it has none (or a bad one). */
  private static ChannelPosition position(Envelope envelope) {
    Object epoch = envelope.extra().get(EPOCH);
    Object offset = envelope.extra().get(OFFSET);
    if (epoch instanceof String e
        && ChannelPosition.isEpoch(e)
        && offset instanceof Number n
        && (n instanceof Long || n instanceof Integer)
        && n.longValue() > 0) {
      return new ChannelPosition(e, n.longValue());
    }
    return null;
  }

  /** A payload on a channel's Redis channel; Redisson's listener thread. */
  void onMessage(String channel, String payload) {
    Bus.Receiver current = receiver;
    if (current == null) {
      return;
    }
    if (payload.startsWith("---")) {
      Decoded decoded = codec.get().decode(payload);
      if (decoded instanceof Decoded.Message m) {
        Envelope envelope = m.envelope();
        if (serverUuid.equals(envelope.server())) {
          return; // our own publish: delivered locally already
        }
        Object raw = envelope.extra().get(RAW);
        current.receiveChannel(
            raw instanceof String text
                ? new ChannelMessage(channel, null, List.of(), text, envelope.server())
                : new ChannelMessage(
                    channel,
                    envelope.method(),
                    envelope.data(),
                    null,
                    envelope.server(),
                    position(envelope)));
        return;
      }
      if (decoded instanceof Decoded.Rejected r) {
        reject(channel, r.reason());
        return;
      }
      // Foreign: YAML that is no envelope, which is raw text like any other
    }
    int max = codec.get().limits().maxPayloadBytes();
    if (payload.length() > max) {
      reject(channel, "raw text over " + max + " characters");
      return;
    }
    current.receiveChannel(new ChannelMessage(channel, null, List.of(), payload, null));
  }

  private void reject(String channel, String reason) {
    metrics.get().rejected();
    rejections.warn("rejected a message on Redis channel '" + redisName(channel) + "': " + reason);
  }
}
