package org.plezi.jakarta.internal.bus;

/**
 * What this server knows of its link to Redis, read on demand (for metrics and health, issue 19):
 * every value comes from the one Redis probe, the link check, and from the calls the library made.
 * Thread-safe; each read is a volatile read or a sum, never a Redis call.
 */
public interface LinkState {
  /** The state of the link. */
  enum Status {
    /** Not joined yet (Redis unreachable at start-up, or still connecting). */
    CONNECTING,
    /**
     * Joined, the last call or link check succeeded, and that check did not find this server's
     * private channel unsubscribed (after Redis came back, until Redisson subscribed it again).
     */
    CONNECTED,
    /** Joined once, and Redis cannot be reached now (an outage is under way). */
    DISCONNECTED,
    /** The bus is closed (the application is stopping). */
    CLOSED
  }

  Status status();

  /**
   * Outages that ended: times the link came back after it was lost. (Not Redisson's resubscription
   * events: measured with Redisson 3.52, a status listener added after a topic's message listener
   * does not hear the resubscription after Redis restarts.)
   */
  long reconnects();

  /** Outages that started since this server joined. */
  long outages();

  /** Restore passes that completed (Redis lost its data, restarted, or came back). */
  long healPasses();

  /** Entries written again by those passes. */
  long restoredEntries();

  /** Subscribers of this server's private channel at the last link check; -1 before it. */
  long privateSubscribers();
}
