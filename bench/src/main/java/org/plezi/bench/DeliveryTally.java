package org.plezi.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exactly-once accounting of one step of the shootout: which of the step's broadcasts each
 * connection received. One bit per (connection, broadcast): a bit already set is an extra
 * (duplicate) delivery, a bit still clear at the end is a missing one; a broadcast of another step
 * or with an unknown number is an extra too. Counts only, so a duplicate here and a loss there
 * never cancel out. Thread-safe: connections may report from any thread.
 */
public final class DeliveryTally {
  private final int step;
  private final int connections;
  private final int broadcasts;
  private final int words;

  /** Bit K of connection C's words: C received broadcast K. */
  private final AtomicLongArray seen;

  /** Deliveries received, extras included. */
  private final LongAdder received = new LongAdder();

  /** Duplicates, and broadcasts that are not this step's. */
  private final LongAdder extra = new LongAdder();

  public DeliveryTally(int step, int connections, int broadcasts) {
    if (connections < 0 || broadcasts < 0) {
      throw new IllegalArgumentException("negative size");
    }
    this.step = step;
    this.connections = connections;
    this.broadcasts = broadcasts;
    this.words = (broadcasts + 63) / 64;
    this.seen = new AtomicLongArray(Math.max(1, connections * words));
  }

  /**
   * Records that {@code connection} received broadcast {@code id} of {@code step}.
   *
   * @return false if it was an extra one
   */
  public boolean received(int connection, long step, long id) {
    received.increment();
    if (step != this.step
        || id < 0
        || id >= broadcasts
        || connection < 0
        || connection >= connections) {
      extra.increment();
      return false;
    }
    int index = connection * words + (int) (id >>> 6);
    long bit = 1L << (id & 63);
    long before = seen.getAndAccumulate(index, bit, (a, b) -> a | b);
    if ((before & bit) != 0) {
      extra.increment();
      return false;
    }
    return true;
  }

  /** Deliveries received so far, extras included. */
  public long received() {
    return received.sum();
  }

  /** Deliveries the step should get: every connection gets every broadcast once. */
  public long expected() {
    return (long) connections * broadcasts;
  }

  /** Duplicates and strays so far. */
  public long extra() {
    return extra.sum();
  }

  /** (connection, broadcast) pairs not received (yet). */
  public long missing() {
    long got = 0;
    for (int i = 0; i < connections * words; i++) {
      got += Long.bitCount(seen.get(i));
    }
    return expected() - got;
  }
}
