package org.plezi.jakarta.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.PleziMetrics;
import org.plezi.jakarta.internal.metrics.ConnectionSample;
import org.plezi.jakarta.internal.metrics.RouteMetrics;

/** What the queue counts (issue 19): frames sent and their sizes, and drops by reason, exactly. */
class OutboundQueueMetricsTest {
  private final OutboundQueueTest.FakeSink sink = new OutboundQueueTest.FakeSink();
  private final RouteMetrics metrics = RouteMetrics.standalone("/q", true);

  /** The queue under test, sampled by {@link #snapshot} as the runtime samples open ones. */
  private OutboundQueue queue;

  private OutboundQueue queue(long maxBytes) {
    queue = new OutboundQueue(sink, maxBytes, 4001, metrics);
    return queue;
  }

  /** A snapshot as the runtime takes it: the route's counts, then the open queue's tally. */
  private PleziMetrics.Route snapshot() {
    RouteMetrics.Gauges gauges = metrics.newGauges();
    if (queue != null) {
      add(gauges, queue);
    }
    return metrics.snapshot(gauges);
  }

  private static void add(RouteMetrics.Gauges gauges, OutboundQueue queue) {
    gauges.add(sample(queue));
  }

  private static ConnectionSample sample(OutboundQueue queue) {
    ConnectionSample sample = new ConnectionSample();
    queue.sample(sample);
    return sample;
  }

  private Map<String, Long> dropped() {
    return snapshot().traffic().dropped();
  }

  @Test
  void framesCountAsSentWhenTheirSendCompletes() {
    OutboundQueue queue = queue(1000);
    queue.offerText("abc");
    queue.offerText("de");
    assertThat(snapshot().traffic().messagesOut()).isZero();
    sink.completeOne();
    sink.completeOne();
    assertThat(snapshot().traffic().messagesOut()).isEqualTo(2);
    assertThat(snapshot().traffic().bytesOut()).isEqualTo(5);
    assertThat(dropped().values()).containsOnly(0L);
  }

  @Test
  void anOverflowCountsOnceAndDropsThePendingFramesAndTheRefusedOne() {
    OutboundQueue queue = queue(10);
    queue.offerText("aaaa"); // in flight
    queue.offerText("bbbb"); // pending
    assertThat(queue.offerText("cccc")).isFalse();
    assertThat(snapshot().queues().outboundOverflows()).isEqualTo(1);
    assertThat(dropped()).containsEntry("outbound_overflow", 2L);
  }

  @Test
  void aTimedOutSendCountsOnceWithTheFrameInFlightAndThoseBehindIt() {
    OutboundQueue queue = queue(1000);
    queue.offerText("a");
    queue.offerText("b");
    queue.offerText("c");
    queue.timeOut();
    queue.timeOut();
    sink.failOne(); // the container gives the stalled send up afterwards: not counted again
    assertThat(snapshot().queues().sendTimeouts()).isEqualTo(1);
    assertThat(snapshot().queues().sendFailures()).isZero();
    assertThat(dropped()).containsEntry("send_timeout", 3L).containsEntry("send_failed", 0L);
  }

  @Test
  void aFailedSendCountsTheFailedFrameAndThoseBehindIt() {
    OutboundQueue queue = queue(1000);
    queue.offerText("a");
    queue.offerText("b");
    sink.failOne();
    assertThat(snapshot().queues().sendFailures()).isEqualTo(1);
    assertThat(dropped()).containsEntry("send_failed", 2L);
  }

  @Test
  void framesPendingWhenTheConnectionEndsCountAsClosed() {
    OutboundQueue queue = queue(1000);
    queue.offerText("a");
    queue.offerText("b");
    queue.offerText("c");
    queue.terminate();
    assertThat(dropped()).containsEntry("closed", 2L);
  }

  @Test
  void aConnectionsSendsCountOnceBeforeAndAfterItEnds() {
    queue(1000);
    queue.offerText("abc");
    queue.offerText("de");
    queue.offerText("f");
    sink.completeOne();
    sink.completeOne();
    assertThat(sample(queue).framesSent()).isEqualTo(2);
    assertThat(snapshot().traffic().messagesOut()).isEqualTo(2);
    queue.terminate(); // "f" is in flight: its completion comes after the fold
    assertThat(sample(queue).framesSent()).isZero();
    assertThat(snapshot().traffic().messagesOut()).isEqualTo(2);
    assertThat(snapshot().traffic().bytesOut()).isEqualTo(5);
    sink.completeOne();
    assertThat(sample(queue).framesSent()).isZero();
    assertThat(snapshot().traffic().messagesOut()).isEqualTo(3);
    assertThat(snapshot().traffic().bytesOut()).isEqualTo(6);
  }

  @Test
  void aConnectionThatEndsDuringASnapshotIsNotCountedTwiceAndNoTotalGoesBack() {
    queue(1000);
    queue.offerText("abc");
    sink.completeOne();
    assertThat(snapshot().traffic().messagesOut()).isEqualTo(1);
    queue.offerText("de");
    sink.completeOne();

    // The counts are read, then the connection ends, then the walk samples it: in neither.
    RouteMetrics.Gauges early = metrics.newGauges();
    queue.terminate();
    add(early, queue);
    assertThat(metrics.snapshot(early).traffic().messagesOut())
        .isEqualTo(1); // not lower than before

    // The walk samples it, then it ends: counted once, by the walk.
    OutboundQueue other = new OutboundQueue(sink, 1000, 4001, metrics);
    other.offerText("ghij");
    sink.completeOne();
    RouteMetrics.Gauges late = metrics.newGauges();
    add(late, other);
    other.terminate();
    assertThat(metrics.snapshot(late).traffic().messagesOut()).isEqualTo(3);
    assertThat(metrics.snapshot(late).traffic().bytesOut()).isEqualTo(9);
    queue = null;
    assertThat(snapshot().traffic().messagesOut()).isEqualTo(3);
  }

  @Test
  void whenMetricsAreOffTheTalliesAreNotReported() {
    RouteMetrics off = RouteMetrics.standalone("/off", false);
    OutboundQueue quiet = new OutboundQueue(sink, 1000, 4001, off);
    quiet.offerText("abc");
    sink.completeOne();
    RouteMetrics.Gauges gauges = off.newGauges();
    add(gauges, quiet);
    assertThat(off.snapshot(gauges).traffic().messagesOut()).isZero();
    assertThat(off.snapshot(gauges).traffic().bytesOut()).isZero();
    quiet.terminate();
    assertThat(off.snapshot(null).traffic().messagesOut()).isZero();
  }
}
