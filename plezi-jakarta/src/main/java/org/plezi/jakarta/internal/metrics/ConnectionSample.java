package org.plezi.jakarta.internal.metrics;

/**
 * One open connection as a metrics snapshot reads it: its gauges (bytes queued, inbox size, channel
 * subscriptions) and the counts it keeps itself until it ends (frames and bytes sent, events from
 * the server run), which the route's counts do not hold yet. The connection and its outbound queue
 * fill it in; one snapshot reuses one sample for every connection it walks, so it is not
 * thread-safe and not kept.
 */
public final class ConnectionSample {
  long queuedBytes;
  long framesSent;
  long bytesSent;
  long inboxSize;
  long subscriptions;
  long serverEvents;

  /** The outbound queue's part, read under its lock. */
  public void queue(long queuedBytes, long framesSent, long bytesSent) {
    this.queuedBytes = queuedBytes;
    this.framesSent = framesSent;
    this.bytesSent = bytesSent;
  }

  /** The connection's part: events waiting, events from the server run and not yet folded. */
  public void connection(long inboxSize, long serverEvents) {
    this.inboxSize = inboxSize;
    this.serverEvents = serverEvents;
  }

  /** Channels the connection is subscribed to. */
  public void subscriptions(long subscriptions) {
    this.subscriptions = subscriptions;
  }

  /** Zeroes every field, for the next connection. */
  public void clear() {
    queue(0, 0, 0);
    connection(0, 0);
    subscriptions(0);
  }

  /** Bytes queued, including the frame in flight. */
  public long queuedBytes() {
    return queuedBytes;
  }

  /** Frames sent that the route's counts do not hold yet. */
  public long framesSent() {
    return framesSent;
  }

  /** Events from the server run that the route's counts do not hold yet. */
  public long serverEvents() {
    return serverEvents;
  }
}
