package org.plezi.jakarta.internal.jmx;

import java.util.Map;

/**
 * One Plezi deployment, as JMX shows it: health, totals, the bus, identity mailboxes, channels and
 * presence. Values are at most a second old. The meaning of each is documented on {@code
 * PleziMetrics} and {@code PleziHealth}, and in README's <i>Metrics</i> section.
 */
public interface DeploymentMXBean {
  String getServerUuid();

  String getContextPath();

  boolean isLive();

  boolean isReady();

  boolean isStarted();

  /** {@code NOT_CONFIGURED}, {@code CONNECTING}, {@code CONNECTED} or {@code DISCONNECTED}. */
  String getRedis();

  boolean isMetricsEnabled();

  long getConnections();

  long getUnicastsFailed();

  long getEventsQueued();

  String getBusType();

  Map<String, Long> getBusPublished();

  Map<String, Long> getBusReceived();

  long getBusRejected();

  long getBusForeign();

  long getBusPublishFailures();

  long getRedisReconnects();

  long getClusterLatencyCount();

  double getClusterLatencyMeanMicros();

  long getClusterLatencyP99Micros();

  long getClusterLatencyMaxMicros();

  long getMailboxAppends();

  long getMailboxDeliveries();

  long getMailboxDrops();

  long getMailboxMisses();

  /** Channels with a subscriber on this server now. */
  long getChannels();

  /** Channel subscriptions on this server now (a connection in two channels counts twice). */
  long getChannelSubscriptions();

  /** (channel, member) pairs this server holds in presence now. */
  long getPresenceMembers();

  /** Channel messages published from this server, by mode ({@code event}, {@code raw}). */
  Map<String, Long> getChannelMessagesPublished();

  /** Channel messages received from other servers or programs, by mode. */
  Map<String, Long> getChannelMessagesReceived();

  /** Channel messages handed to this server's subscribers (once per subscriber), by mode. */
  Map<String, Long> getChannelMessagesDelivered();
}
