package org.plezi.jakarta.internal.bus;

/**
 * What a link check saw, compared with the last good one. Ordered by how much a state owner has to
 * write again: a later constant asks for at least as much as an earlier one.
 */
public enum Change {
  /** The first good check of this server: nothing of it can be in Redis yet. */
  FIRST,

  /**
   * The same Redis process with the same data: the link may have dropped, Redis did not. Owners
   * retry what failed meanwhile (removals of connections that closed during an outage).
   */
  SAME,

  /**
   * Redis restarted and loaded its data from disk: an RDB snapshot or the last second of an
   * append-only file may lack recent writes, so owners write their entries again, idempotently.
   */
  RESTARTED,

  /** Redis lost its data (restarted empty, flushed, another server): owners write everything. */
  DATA_LOST;

  /** The more demanding of the two. */
  Change atLeast(Change other) {
    return other != null && other.compareTo(this) > 0 ? other : this;
  }
}
