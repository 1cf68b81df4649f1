package org.plezi.jakarta.internal.jmx;

import java.util.Map;
import org.plezi.jakarta.PleziMetrics;

/** The {@link RouteMXBean} of one route, over the deployment's snapshots. */
final class RouteBean implements RouteMXBean {
  private final String route;
  private final Memo<PleziMetrics> metrics;

  RouteBean(String route, Memo<PleziMetrics> metrics) {
    this.route = route;
    this.metrics = metrics;
  }

  /** The route's part of the latest snapshot (routes never leave a running deployment). */
  private PleziMetrics.Route now() {
    PleziMetrics.Route current = metrics.get().routes().get(route);
    if (current == null) {
      throw new IllegalStateException("no route " + route + " in this deployment");
    }
    return current;
  }

  @Override
  public String getRoute() {
    return route;
  }

  @Override
  public String getController() {
    return now().controller();
  }

  @Override
  public long getConnections() {
    return now().connections();
  }

  @Override
  public long getOpened() {
    return now().opened();
  }

  @Override
  public long getHandshakesAccepted() {
    return now().handshakes().accepted();
  }

  @Override
  public Map<String, Long> getHandshakesRefused() {
    return now().handshakes().refused();
  }

  @Override
  public Map<String, Long> getCloses() {
    return now().closes();
  }

  @Override
  public long getMessagesIn() {
    return now().traffic().messagesIn();
  }

  @Override
  public long getBytesIn() {
    return now().traffic().bytesIn();
  }

  @Override
  public long getMessagesOut() {
    return now().traffic().messagesOut();
  }

  @Override
  public long getBytesOut() {
    return now().traffic().bytesOut();
  }

  @Override
  public Map<String, Long> getDropped() {
    return now().traffic().dropped();
  }

  @Override
  public long getOutboundQueuedBytes() {
    return now().queues().outboundBytes();
  }

  @Override
  public long getLargestOutboundQueueBytes() {
    return now().queues().largestOutboundBytes();
  }

  @Override
  public long getOutboundOverflows() {
    return now().queues().outboundOverflows();
  }

  @Override
  public long getSendTimeouts() {
    return now().queues().sendTimeouts();
  }

  @Override
  public long getSendFailures() {
    return now().queues().sendFailures();
  }

  @Override
  public long getInboxQueued() {
    return now().queues().inboxQueued();
  }

  @Override
  public long getInboxOverflows() {
    return now().queues().inboxOverflows();
  }

  @Override
  public Map<String, Long> getEventsDispatched() {
    return now().events().dispatched();
  }

  @Override
  public Map<String, Long> getEventsFailed() {
    return now().events().failed();
  }

  @Override
  public Map<String, Long> getEventsRejected() {
    return now().events().rejected();
  }

  @Override
  public long getChannelSubscriptions() {
    return now().channelSubscriptions();
  }
}
