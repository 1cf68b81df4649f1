package org.plezi.jakarta.internal.jmx;

import java.util.Map;
import java.util.function.Supplier;
import org.plezi.jakarta.PleziHealth;
import org.plezi.jakarta.PleziMetrics;

/** The {@link DeploymentMXBean} over the deployment's snapshots. */
final class DeploymentBean implements DeploymentMXBean {
  private final String contextPath;
  private final Memo<PleziMetrics> metrics;
  private final Supplier<PleziHealth> health;

  DeploymentBean(String contextPath, Memo<PleziMetrics> metrics, Supplier<PleziHealth> health) {
    this.contextPath = contextPath;
    this.metrics = metrics;
    this.health = health;
  }

  @Override
  public String getServerUuid() {
    return health.get().serverUuid();
  }

  @Override
  public String getContextPath() {
    return contextPath;
  }

  @Override
  public boolean isLive() {
    return health.get().live();
  }

  @Override
  public boolean isReady() {
    return health.get().ready();
  }

  @Override
  public boolean isStarted() {
    return health.get().started();
  }

  @Override
  public String getRedis() {
    return health.get().redis().name();
  }

  @Override
  public boolean isMetricsEnabled() {
    return metrics.get().enabled();
  }

  @Override
  public long getConnections() {
    return metrics.get().connections();
  }

  @Override
  public long getUnicastsFailed() {
    return metrics.get().unicastsFailed();
  }

  @Override
  public long getEventsQueued() {
    return metrics.get().eventsQueued();
  }

  @Override
  public String getBusType() {
    return bus().type();
  }

  @Override
  public Map<String, Long> getBusPublished() {
    return bus().published();
  }

  @Override
  public Map<String, Long> getBusReceived() {
    return bus().received();
  }

  @Override
  public long getBusRejected() {
    return bus().rejected();
  }

  @Override
  public long getBusForeign() {
    return bus().foreign();
  }

  @Override
  public long getBusPublishFailures() {
    return bus().publishFailures();
  }

  @Override
  public long getRedisReconnects() {
    return bus().reconnects();
  }

  @Override
  public long getClusterLatencyCount() {
    return bus().latency().count();
  }

  @Override
  public double getClusterLatencyMeanMicros() {
    return bus().latency().meanMicros();
  }

  @Override
  public long getClusterLatencyP99Micros() {
    return bus().latency().quantileMicros(0.99);
  }

  @Override
  public long getClusterLatencyMaxMicros() {
    return bus().latency().maxMicros();
  }

  @Override
  public long getMailboxAppends() {
    return metrics.get().mailboxes().appends();
  }

  @Override
  public long getMailboxDeliveries() {
    return metrics.get().mailboxes().deliveries();
  }

  @Override
  public long getMailboxDrops() {
    return metrics.get().mailboxes().drops();
  }

  @Override
  public long getMailboxMisses() {
    return metrics.get().mailboxes().misses();
  }

  @Override
  public long getChannels() {
    return channels().channels();
  }

  @Override
  public long getChannelSubscriptions() {
    return channels().subscriptions();
  }

  @Override
  public long getPresenceMembers() {
    return channels().presenceMembers();
  }

  @Override
  public Map<String, Long> getChannelMessagesPublished() {
    return channels().published();
  }

  @Override
  public Map<String, Long> getChannelMessagesReceived() {
    return channels().received();
  }

  @Override
  public Map<String, Long> getChannelMessagesDelivered() {
    return channels().delivered();
  }

  private PleziMetrics.Channels channels() {
    return metrics.get().channels();
  }

  private PleziMetrics.Bus bus() {
    return metrics.get().bus();
  }
}
