package org.plezi.jakarta;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one deployment has done since it started: an immutable snapshot, taken by {@link
 * Plezi#metrics}. Counts only grow; gauges (open connections, queued bytes) are the values when the
 * snapshot was taken. Every count is exact once the operations it counts have returned, but a
 * snapshot taken while traffic flows is not atomic: two counts may be a few operations apart.
 *
 * <p>Taking a snapshot visits every open connection once (for the queue and channel subscription
 * gauges) and every channel and presence entry: it is meant for a scrape every few seconds, not for
 * every message. JMX and the Micrometer binder read the same numbers; README's <i>Metrics</i>
 * section lists each with its Micrometer name.
 *
 * <p>Map keys are tag values: close codes as decimal text ({@code "1001"}, {@code "4001"}, and
 * {@code "other"} beyond 64 distinct codes), reasons and kinds in lower case. Maps are
 * unmodifiable; keyed by reason or kind they hold every key, zeros included.
 *
 * @param enabled whether counting is on ({@code plezi.metrics.enabled}); when off every count is 0
 *     and only the gauges are filled in
 * @param serverUuid the deployment's server uuid
 * @param takenAt when the snapshot was taken
 * @param routes each route by its path template ({@code "/room/{name}"}), in registration order
 * @param bus traffic with other servers
 * @param mailboxes identity mailbox traffic
 * @param unicastsFailed unicasts whose target was gone (sent from this server)
 * @param eventsQueued tasks waiting for a thread of the events pool ({@code plezi.events.threads})
 * @param channels channels and presence on this server (issue 17)
 */
public record PleziMetrics(
    boolean enabled,
    String serverUuid,
    Instant takenAt,
    Map<String, Route> routes,
    Bus bus,
    Mailboxes mailboxes,
    long unicastsFailed,
    long eventsQueued,
    Channels channels) {
  /** Copies the map of routes (unmodifiable, order kept). */
  public PleziMetrics {
    Objects.requireNonNull(serverUuid, "serverUuid");
    Objects.requireNonNull(takenAt, "takenAt");
    routes = ordered(routes);
    Objects.requireNonNull(bus, "bus");
    Objects.requireNonNull(mailboxes, "mailboxes");
    Objects.requireNonNull(channels, "channels");
  }

  /** An unmodifiable copy that keeps the order. */
  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Open connections of every route. */
  public long connections() {
    return routes.values().stream().mapToLong(Route::connections).sum();
  }

  /**
   * One route's connections and their traffic.
   *
   * @param route the route's path template
   * @param controller the controller class's name
   * @param connections connections open now
   * @param opened connections opened since start-up
   * @param handshakes upgrade requests accepted and refused
   * @param closes closed connections by close code (the code the container reported: 1001 on
   *     undeploy, the code a client sent, the library's codes of {@link CloseCodes})
   * @param traffic frames in and out, and frames dropped
   * @param queues outbound queues and inboxes
   * @param events event method calls
   * @param channelSubscriptions channel subscriptions of the route's open connections now (a gauge;
   *     a connection in two channels counts twice)
   */
  public record Route(
      String route,
      String controller,
      long connections,
      long opened,
      Handshakes handshakes,
      Map<String, Long> closes,
      Traffic traffic,
      Queues queues,
      Events events,
      long channelSubscriptions) {
    public Route {
      closes = ordered(closes);
    }
  }

  /**
   * Websocket upgrade requests to a route.
   *
   * @param accepted upgrades that opened a websocket
   * @param refused refused upgrades by reason: {@code not_websocket} (403: the path is a {@code
   *     show} page, the controller takes no websocket, or the method is not GET), {@code stopping}
   *     (503: the application is being undeployed), {@code pre_connect} ({@code preConnect}
   *     returned false), {@code bad_handshake} (400/426: a malformed handshake), {@code origin}
   *     (403: the Origin is not allowed), {@code limit} (503: {@code plezi.connections.max}
   *     reached), {@code error} (the controller could not be created, {@code preConnect} threw, or
   *     the container did not upgrade)
   */
  public record Handshakes(long accepted, Map<String, Long> refused) {
    public Handshakes {
      refused = ordered(refused);
    }

    /** Refusals of every reason. */
    public long refusedTotal() {
      return refused.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Frames between a route's clients and the server.
   *
   * @param messagesIn frames received from clients (text and binary)
   * @param bytesIn their size: bytes for binary frames, one per char for text (as the outbound
   *     queue counts; a lower bound of the UTF-8 size)
   * @param messagesOut frames the container finished sending to clients
   * @param bytesOut their size, counted like {@code bytesIn}
   * @param dropped frames and events that never reached their connection, by reason: {@code
   *     outbound_overflow}, {@code send_timeout}, {@code send_failed} (the frames pending in the
   *     queue when it closed for that reason), {@code closed} (frames pending in the outbound
   *     queue, or events waiting in the inbox or handed to the connection, when it closed), {@code
   *     inbox_overflow} (an event refused by a full inbox)
   */
  public record Traffic(
      long messagesIn, long bytesIn, long messagesOut, long bytesOut, Map<String, Long> dropped) {
    public Traffic {
      dropped = ordered(dropped);
    }
  }

  /**
   * A route's queues: gauges of the open connections, and how many connections they closed.
   *
   * @param outboundBytes bytes queued in the outbound queues now, frames in flight included
   * @param largestOutboundBytes the fullest outbound queue now, in bytes
   * @param outboundOverflows connections closed with 4001 ({@code plezi.outbound.maxBytes})
   * @param sendTimeouts connections closed because a send took longer than {@code
   *     plezi.outbound.sendTimeoutMillis}
   * @param sendFailures connections closed because the container failed a send
   * @param inboxQueued events waiting in the inboxes now
   * @param inboxOverflows connections closed with 4002 ({@code plezi.inbox.maxMessages})
   */
  public record Queues(
      long outboundBytes,
      long largestOutboundBytes,
      long outboundOverflows,
      long sendTimeouts,
      long sendFailures,
      long inboxQueued,
      long inboxOverflows) {}

  /**
   * Calls of a route's {@link Event} methods.
   *
   * @param dispatched calls by source: {@code client} (its own client's JSON, auto-dispatch) or
   *     {@code server} (other connections, the bus, identity mailboxes)
   * @param failed calls whose method threw, by source
   * @param rejected messages that called no method, by reason: {@code bad_request} (400: not a JSON
   *     object with an event), {@code not_found} (404: no such event), {@code not_callable} (405 to
   *     a client: the event is not declared {@code from = CLIENT}, or its parameters take no client
   *     message; or a call from the server side to an event declared for its client only, dropped),
   *     {@code no_method} (a message from the server for an event the class does not have), {@code
   *     bad_arguments} (its arguments do not fit the method)
   */
  public record Events(
      Map<String, Long> dispatched, Map<String, Long> failed, Map<String, Long> rejected) {
    public Events {
      dispatched = ordered(dispatched);
      failed = ordered(failed);
      rejected = ordered(rejected);
    }
  }

  /**
   * Messages to and from other servers. With the in-process bus (no Redis) every count is 0.
   *
   * @param type {@code local} or {@code redis}
   * @param published envelopes published to Redis by kind: {@code multicast}, {@code broadcast},
   *     {@code unicast} (identity mail included), {@code reply} (answers to other servers'
   *     unicasts)
   * @param received envelopes from other servers by the same kinds
   * @param rejected payloads refused by the envelope decoder (unsafe or invalid); none reached a
   *     controller
   * @param foreign payloads that were not envelopes, handed to {@code onBroadcast}
   * @param publishFailures messages that could not be published (Redis not connected, or the
   *     publish failed)
   * @param reconnects times the Redis link came back after it was lost
   * @param latency publish-to-receipt time of the envelopes received from other servers
   */
  public record Bus(
      String type,
      Map<String, Long> published,
      Map<String, Long> received,
      long rejected,
      long foreign,
      long publishFailures,
      long reconnects,
      Latency latency) {
    public Bus {
      published = ordered(published);
      received = ordered(received);
    }
  }

  /**
   * A latency histogram: each envelope's publish time on its sender (the {@code _pl_sent} key, in
   * microseconds of the sender's wall clock) to its receipt here, measured only where the clocks
   * are synchronised (NTP) and the sender wrote the key.
   *
   * @param upperBoundsMicros the finite upper bounds of the buckets: 1, 2, 4 ... 2^25 µs
   * @param counts recordings per bucket, one more than the bounds: bucket {@code i} holds latencies
   *     above bound {@code i-1} up to bound {@code i}; the last, anything longer
   * @param sumMicros the sum of the recorded latencies
   * @param maxMicros the largest recorded
   * @param skewed recordings whose sender's clock was ahead (recorded as 0)
   */
  public record Latency(
      List<Long> upperBoundsMicros,
      List<Long> counts,
      long sumMicros,
      long maxMicros,
      long skewed) {
    public Latency {
      upperBoundsMicros = List.copyOf(upperBoundsMicros);
      counts = List.copyOf(counts);
      if (counts.size() != upperBoundsMicros.size() + 1) {
        throw new IllegalArgumentException("one count per bound and one for longer latencies");
      }
    }

    /** Latencies recorded. */
    public long count() {
      return counts.stream().mapToLong(Long::longValue).sum();
    }

    /** The mean in microseconds; 0 when nothing was recorded. */
    public double meanMicros() {
      long count = count();
      return count == 0 ? 0 : (double) sumMicros / count;
    }

    /**
     * An upper estimate of a quantile: the bound of the bucket that holds it (at most twice the
     * true value), or {@link #maxMicros} when it lies in the last bucket; 0 when empty.
     *
     * @param quantile from 0 to 1, such as 0.99
     */
    public long quantileMicros(double quantile) {
      if (!(quantile >= 0 && quantile <= 1)) {
        throw new IllegalArgumentException("a quantile is within 0..1: " + quantile);
      }
      long count = count();
      if (count == 0) {
        return 0;
      }
      long rank = Math.max(1, (long) Math.ceil(quantile * count));
      long seen = 0;
      for (int i = 0; i < upperBoundsMicros.size(); i++) {
        seen += counts.get(i);
        if (seen >= rank) {
          return Math.min(upperBoundsMicros.get(i), maxMicros);
        }
      }
      return maxMicros;
    }
  }

  /**
   * Identity mailboxes ({@link Controller#registerAs}, {@link Messenger#notify}).
   *
   * @param appends messages stored by {@code notify} on this server
   * @param deliveries mailbox messages handed to open connections of this server (each leaves the
   *     mailbox then; one a closing connection got stays for the next and is counted then)
   * @param drops oldest messages dropped because a mailbox held {@code plezi.mailbox.maxMessages}
   * @param misses {@code notify} calls for an identity that was not alive (returned false)
   */
  public record Mailboxes(long appends, long deliveries, long drops, long misses) {}

  /**
   * Channels and presence on this server ({@link Controller#subscribe}, {@link Controller#track}).
   * Messages are counted by mode, {@code event} or {@code raw} (every map holds both keys). A
   * payload on a channel that does not decode counts in {@link Bus#rejected}, a channel publish
   * that fails in {@link Bus#publishFailures}.
   *
   * @param channels channels with at least one subscriber on this server (a gauge)
   * @param subscriptions subscriptions on this server; a connection in two channels counts twice (a
   *     gauge; each route's share is {@link Route#channelSubscriptions})
   * @param presenceMembers (channel, member) pairs this server holds in presence; a member's
   *     several tabs on this server count once (a gauge)
   * @param published messages published to channels from this server (a publish the bus refused,
   *     which reached no one, is not counted)
   * @param received messages that arrived over the bus from other servers, or from other programs
   *     (raw text published with {@code redis-cli}); always 0 with the in-process bus, whose
   *     publishes are all this server's
   * @param delivered messages handed to this server's subscribers, once per subscriber: an event
   *     queued in its inbox, raw text in its outbound queue (one its connection refused, closing or
   *     full, counts in the route's {@link Traffic#dropped} instead)
   */
  public record Channels(
      long channels,
      long subscriptions,
      long presenceMembers,
      Map<String, Long> published,
      Map<String, Long> received,
      Map<String, Long> delivered) {
    public Channels {
      published = ordered(published);
      received = ordered(received);
      delivered = ordered(delivered);
    }
  }
}
