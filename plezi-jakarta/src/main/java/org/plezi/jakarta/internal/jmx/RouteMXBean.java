package org.plezi.jakarta.internal.jmx;

import java.util.Map;

/**
 * One route of a Plezi deployment, as JMX shows it. Values are at most a second old; see {@code
 * PleziMetrics.Route} for the meaning of each.
 */
public interface RouteMXBean {
  String getRoute();

  String getController();

  long getConnections();

  long getOpened();

  long getHandshakesAccepted();

  Map<String, Long> getHandshakesRefused();

  Map<String, Long> getCloses();

  long getMessagesIn();

  long getBytesIn();

  long getMessagesOut();

  long getBytesOut();

  Map<String, Long> getDropped();

  long getOutboundQueuedBytes();

  long getLargestOutboundQueueBytes();

  long getOutboundOverflows();

  long getSendTimeouts();

  long getSendFailures();

  long getInboxQueued();

  long getInboxOverflows();

  Map<String, Long> getEventsDispatched();

  Map<String, Long> getEventsFailed();

  Map<String, Long> getEventsRejected();

  /** Channel subscriptions of the route's open connections now. */
  long getChannelSubscriptions();
}
