package org.plezi.jakarta.internal.jmx;

import java.util.Map;

/**
 * One Plezi deployment, as JMX shows it: health, totals, the bus and identity mailboxes. Values are
 * at most a second old. The meaning of each is documented on {@code PleziMetrics} and {@code
 * PleziHealth}, and in README's <i>Metrics</i> section.
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
}
