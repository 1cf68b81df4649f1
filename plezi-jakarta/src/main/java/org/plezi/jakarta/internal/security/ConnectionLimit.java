package org.plezi.jakarta.internal.security;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most websockets a deployment holds at once ({@code plezi.connections.max}), counting open
 * connections and upgrades under way: an upgrade reserves a place before its controller is made, so
 * that many upgrades at the same moment cannot overshoot the limit together. Whoever reserved a
 * place releases it exactly once: when the upgrade is refused or fails, or when the connection it
 * became has closed. Thread-safe, lock-free.
 */
public final class ConnectionLimit {
  /** The {@code max} of a deployment without a limit. */
  public static final int UNLIMITED = 0;

  /** How long a refused client is told to wait, in seconds ({@code Retry-After}). */
  public static final int RETRY_AFTER_SECONDS = 5;

  /** The most places; {@link #UNLIMITED} for no limit. */
  private final int max;

  /** Places reserved now. */
  private final AtomicInteger reserved = new AtomicInteger();

  /**
   * @param max the most connections at once, or {@link #UNLIMITED}
   */
  public ConnectionLimit(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max " + max + " < 0");
    }
    this.max = max;
  }

  /**
   * Reserves a place for one upgrade.
   *
   * @return false when the limit is reached: refuse the upgrade (nothing was reserved)
   */
  public boolean tryReserve() {
    while (true) {
      int now = reserved.get();
      if (max != UNLIMITED && now >= max) {
        return false;
      }
      if (reserved.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /**
   * Gives a reserved place back.
   *
   * @throws IllegalStateException when more places are released than were reserved (a bug in the
   *     caller; the count stays at zero)
   */
  public void release() {
    if (reserved.getAndUpdate(n -> n > 0 ? n - 1 : 0) <= 0) {
      throw new IllegalStateException("a connection place released twice");
    }
  }

  /** Places reserved now: open connections and upgrades under way. */
  public int reserved() {
    return reserved.get();
  }

  /** The limit, or {@link #UNLIMITED}. */
  public int max() {
    return max;
  }

  @Override
  public String toString() {
    return "ConnectionLimit["
        + reserved.get()
        + " of "
        + (max == UNLIMITED ? "unlimited" : Integer.toString(max))
        + "]";
  }
}
