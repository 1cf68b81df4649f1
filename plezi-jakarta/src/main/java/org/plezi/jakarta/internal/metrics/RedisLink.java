package org.plezi.jakarta.internal.metrics;

import org.plezi.jakarta.PleziHealth;

/**
 * Whether the cluster bus is joined to Redis: {@code CONNECTING} until it first joins, then {@code
 * CONNECTED} or {@code DISCONNECTED} as the bus's probe finds it; each return to {@code CONNECTED}
 * after a loss counts one reconnect. The state is kept even when metrics are off (health needs it);
 * the reconnect count follows {@code plezi.metrics.enabled}.
 */
public final class RedisLink {
  /** The current state; written by the bus's connecting thread, read by anyone. */
  private volatile PleziHealth.Redis state = PleziHealth.Redis.CONNECTING;

  private final Counter reconnects;

  RedisLink(boolean enabled) {
    this.reconnects = new Counter(enabled);
  }

  public PleziHealth.Redis state() {
    return state;
  }

  /**
   * The link is up (joined, or the probe succeeded).
   *
   * @return whether this was a reconnect: the link had been lost
   */
  public synchronized boolean up() {
    boolean reconnect = state == PleziHealth.Redis.DISCONNECTED;
    state = PleziHealth.Redis.CONNECTED;
    if (reconnect) {
      reconnects.increment();
    }
    return reconnect;
  }

  /**
   * The client resubscribed after a loss: up again if it was {@link #down}, else nothing (the first
   * subscription counts only once the bus has joined, through {@link #up}).
   *
   * @return whether this was a reconnect
   */
  public synchronized boolean resubscribed() {
    return state == PleziHealth.Redis.DISCONNECTED && up();
  }

  /**
   * The link is down (the probe failed, or found the subscription gone).
   *
   * @return whether it was up until now
   */
  public synchronized boolean down() {
    boolean wasUp = state == PleziHealth.Redis.CONNECTED;
    if (wasUp) {
      state = PleziHealth.Redis.DISCONNECTED;
    }
    return wasUp;
  }

  public long reconnects() {
    return reconnects.sum();
  }
}
