package org.plezi.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.plezi.bench.client.LoadClient;
import org.plezi.bench.client.WsConnection;

/**
 * Counts one run's broadcasts as they reach a group of connections: every connection must see every
 * broadcast exactly once and in order. Tells the broadcaster when a broadcast has reached every
 * connection (which bounds the broadcasts in flight) and records each delivery's latency.
 *
 * <p>Called on the client's I/O thread only; {@link #completed()} is the volatile hand-off, so the
 * figures may be read from another thread once it has reached the run's broadcast count.
 */
public final class FanoutTracker implements LoadClient.Handler {
  /** Broadcasts tracked at once; the run's window must stay below it. */
  static final int RING = 1 << 16;

  private final int connections;
  private final long[] nextSeq;
  private final int[] receivedBySeq = new int[RING];
  private final LatencyHistogram latency = new LatencyHistogram();
  private final List<String> problems = new ArrayList<>();
  private final LongConsumer onCompleted;

  private long deliveries;
  private long errors;
  private long firstReceipt;
  private long lastReceipt;

  /** Broadcasts that reached every connection; they complete in order. */
  private volatile long completed;

  /**
   * @param onCompleted receives the number of broadcasts completed so far, as it grows
   */
  public FanoutTracker(int connections, LongConsumer onCompleted) {
    this.connections = connections;
    this.nextSeq = new long[connections];
    this.onCompleted = onCompleted;
  }

  @Override
  public void onMessage(
      WsConnection connection, byte[] data, int offset, int length, long receivedNanos) {
    long seq = Payload.seq(data, offset, length);
    long sent = Payload.sent(data, offset, length);
    if (seq < 0 || sent < 0 || length != Payload.SIZE) {
      problem("connection " + connection.index() + ": unexpected message of " + length + " bytes");
      return;
    }
    int index = connection.index();
    if (seq != nextSeq[index]) {
      problem("connection " + index + ": got broadcast " + seq + ", expected " + nextSeq[index]);
    }
    nextSeq[index] = seq + 1;
    if (deliveries == 0) {
      firstReceipt = receivedNanos;
    }
    deliveries++;
    lastReceipt = receivedNanos;
    latency.recordNanos(receivedNanos - sent);
    int slot = (int) (seq & (RING - 1));
    if (++receivedBySeq[slot] == connections) {
      receivedBySeq[slot] = 0;
      if (seq == completed) {
        completed = seq + 1;
        onCompleted.accept(seq + 1);
      } else {
        problem("broadcast " + seq + " completed before broadcast " + completed);
      }
    }
  }

  private void problem(String what) {
    errors++;
    if (problems.size() < 10) {
      problems.add(what);
    }
  }

  /** Broadcasts that reached every connection. */
  public long completed() {
    return completed;
  }

  public long deliveries() {
    return deliveries;
  }

  /** Duplicates, gaps, reordering and malformed messages; 0 in a clean run. */
  public long errors() {
    return errors;
  }

  /** The first few problems, for the failure message. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Connections that did not get all of the first {@code broadcasts} broadcasts. */
  public int connectionsShort(long broadcasts) {
    int missing = 0;
    for (long next : nextSeq) {
      if (next != broadcasts) {
        missing++;
      }
    }
    return missing;
  }

  public LatencyHistogram latency() {
    return latency;
  }

  public long firstReceiptNanos() {
    return firstReceipt;
  }

  public long lastReceiptNanos() {
    return lastReceipt;
  }
}
