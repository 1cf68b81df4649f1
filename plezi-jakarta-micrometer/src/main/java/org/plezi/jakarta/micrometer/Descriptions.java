package org.plezi.jakarta.micrometer;

import java.util.Map;

/**
 * The description of every meter the binder registers: Prometheus's {@code # HELP} text, and what
 * other registries show. One line each, saying what is counted and in which unit where that is not
 * in the name.
 */
final class Descriptions {
  private static final Map<String, String> BY_NAME =
      Map.ofEntries(
          Map.entry("plezi.ready", "1 when the deployment is ready for traffic, else 0"),
          Map.entry(
              "plezi.events.pool.queued", "Tasks waiting for a thread of the Plezi events pool"),
          Map.entry(
              "plezi.unicasts.failed",
              "Unicasts sent from this server whose target connection or server was gone"),
          Map.entry("plezi.bus.published", "Envelopes published to Redis by this server, by kind"),
          Map.entry("plezi.bus.received", "Envelopes received from other servers, by kind"),
          Map.entry(
              "plezi.bus.rejected",
              "Payloads on the cluster channels that the envelope decoder refused"),
          Map.entry(
              "plezi.bus.foreign",
              "Payloads on the cluster channel that were not envelopes (handed to onBroadcast)"),
          Map.entry(
              "plezi.bus.publish.failures",
              "Messages that could not be published to Redis (not joined, or the publish failed)"),
          Map.entry(
              "plezi.redis.connected",
              "1 while the bus is joined to Redis and its last call or link check succeeded"),
          Map.entry("plezi.redis.reconnects", "Times the Redis link came back after it was lost"),
          Map.entry(
              "plezi.cluster.latency",
              "Time from publish on another server to receipt here (clocks synchronised)"),
          Map.entry(
              "plezi.cluster.latency.buckets",
              "Cluster latencies up to the bucket's upper bound le, in seconds (cumulative)"),
          Map.entry("plezi.mailbox.appends", "Identity mailbox messages stored by notify here"),
          Map.entry(
              "plezi.mailbox.deliveries",
              "Identity mailbox messages handed to open connections of this server"),
          Map.entry(
              "plezi.mailbox.drops",
              "Oldest mailbox messages dropped beyond plezi.mailbox.maxMessages"),
          Map.entry(
              "plezi.mailbox.misses", "notify calls for an identity that was not alive (false)"),
          Map.entry("plezi.connections", "Websocket connections open now on the route"),
          Map.entry(
              "plezi.connections.opened", "Websocket connections opened on the route since start"),
          Map.entry("plezi.handshakes.accepted", "Websocket upgrade requests accepted"),
          Map.entry("plezi.handshakes.refused", "Websocket upgrade requests refused, by reason"),
          Map.entry("plezi.closes", "Websocket connections closed, by close code"),
          Map.entry("plezi.messages.in", "Frames received from clients (text and binary)"),
          Map.entry(
              "plezi.messages.in.bytes",
              "Size of the frames received: bytes of binary frames, characters of text frames"),
          Map.entry("plezi.messages.out", "Frames the container finished sending to clients"),
          Map.entry(
              "plezi.messages.out.bytes",
              "Size of the frames sent: bytes of binary frames, characters of text frames"),
          Map.entry(
              "plezi.messages.dropped",
              "Frames and events that never reached their connection or client, by reason"),
          Map.entry(
              "plezi.outbound.queued",
              "Bytes waiting in the route's outbound queues now, frames in flight included"),
          Map.entry("plezi.outbound.queued.largest", "Bytes in the route's fullest outbound queue"),
          Map.entry(
              "plezi.outbound.overflows",
              "Connections closed with 4001: the outbound queue went over plezi.outbound.maxBytes"),
          Map.entry(
              "plezi.outbound.send.timeouts",
              "Connections closed because a send took longer than plezi.outbound.sendTimeoutMillis"),
          Map.entry(
              "plezi.outbound.send.failures",
              "Connections closed because the container failed a send"),
          Map.entry("plezi.inbox.queued", "Events waiting in the route's inboxes now"),
          Map.entry(
              "plezi.inbox.overflows",
              "Connections closed with 4002: the inbox went over plezi.inbox.maxMessages"),
          Map.entry("plezi.events.dispatched", "@Event method calls, by source (client, server)"),
          Map.entry("plezi.events.failed", "@Event method calls that threw, by source"),
          Map.entry("plezi.events.rejected", "Messages that called no @Event method, by reason"),
          Map.entry("plezi.channels", "Channels with at least one subscriber on this server now"),
          Map.entry(
              "plezi.channel.subscriptions",
              "Channel subscriptions of the route's open connections now (one per connection and"
                  + " channel)"),
          Map.entry(
              "plezi.presence.members",
              "Presence members (channel and member pairs) this server tracks now"),
          Map.entry(
              "plezi.channel.messages",
              "Channel messages by direction (published here, received from other servers,"
                  + " delivered to each local subscriber) and mode (event, raw)"));

  private Descriptions() {}

  /**
   * The description of a meter.
   *
   * @throws IllegalArgumentException for a name without one (a meter added without its text)
   */
  static String of(String name) {
    String text = BY_NAME.get(name);
    if (text == null) {
      throw new IllegalArgumentException("no description for meter " + name);
    }
    return text;
  }

  /** Every meter name described. */
  static java.util.Set<String> names() {
    return BY_NAME.keySet();
  }
}
