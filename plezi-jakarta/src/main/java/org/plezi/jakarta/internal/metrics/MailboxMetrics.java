package org.plezi.jakarta.internal.metrics;

import org.plezi.jakarta.PleziMetrics;

/** Identity mailbox traffic of one deployment. Thread-safe. */
public final class MailboxMetrics {
  private final Counter appends;
  private final Counter deliveries;
  private final Counter drops;
  private final Counter misses;

  MailboxMetrics(boolean enabled) {
    this.appends = new Counter(enabled);
    this.deliveries = new Counter(enabled);
    this.drops = new Counter(enabled);
    this.misses = new Counter(enabled);
  }

  /** Mailbox counts outside a deployment (tests). */
  public static MailboxMetrics standalone(boolean enabled) {
    return new MailboxMetrics(enabled);
  }

  /** {@code notify} stored a message. */
  public void appended() {
    appends.increment();
  }

  /** {@code notify} found no live identity. */
  public void missed() {
    misses.increment();
  }

  /** Mailbox messages reached an open connection's controller and left the mailbox. */
  public void delivered(long messages) {
    if (messages > 0) {
      deliveries.add(messages);
    }
  }

  /** The store dropped the oldest messages of a full mailbox. */
  public void dropped(long messages) {
    if (messages > 0) {
      drops.add(messages);
    }
  }

  public PleziMetrics.Mailboxes snapshot() {
    return new PleziMetrics.Mailboxes(appends.sum(), deliveries.sum(), drops.sum(), misses.sum());
  }
}
