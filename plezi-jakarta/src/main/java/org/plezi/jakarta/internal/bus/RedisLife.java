package org.plezi.jakarta.internal.bus;

/**
 * What the link check read from Redis: the cluster's epoch marker (a key without expiry, written
 * once by whichever server finds it missing, so it lives exactly as long as the data set) and the
 * Redis process's {@code run_id} (new at every restart, data kept or not).
 *
 * @param epoch the marker's value; never empty
 * @param runId the Redis process's run id; empty when Redis did not say (then only the epoch
 *     counts)
 * @param subscribers how many clients are subscribed to this server's private channel on the node
 *     that answered (0 means our subscription is gone, on that node); -1 when not asked
 */
public record RedisLife(String epoch, String runId, long subscribers) {
  /**
   * Validates what Redis answered.
   *
   * @throws IllegalArgumentException for an empty epoch or a null run id
   */
  public RedisLife {
    if (epoch == null || epoch.isEmpty()) {
      throw new IllegalArgumentException("the epoch marker is empty");
    }
    if (runId == null) {
      throw new IllegalArgumentException("runId is null (empty when unknown)");
    }
  }

  /**
   * How this check differs from the last good one.
   *
   * @param known the last good check; null before the first
   */
  public Change since(RedisLife known) {
    if (known == null) {
      return Change.FIRST;
    }
    if (!epoch.equals(known.epoch)) {
      return Change.DATA_LOST;
    }
    if (!runId.isEmpty() && !known.runId.isEmpty() && !runId.equals(known.runId)) {
      return Change.RESTARTED;
    }
    return Change.SAME;
  }
}
