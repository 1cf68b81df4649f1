package org.plezi.jakarta.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.PleziMetrics;
import org.plezi.jakarta.internal.metrics.RouteMetrics;

/** What the queue counts (issue 19): frames sent and their sizes, and drops by reason, exactly. */
class OutboundQueueMetricsTest {
  private final OutboundQueueTest.FakeSink sink = new OutboundQueueTest.FakeSink();
  private final RouteMetrics metrics = RouteMetrics.standalone("/q", true);

  private PleziMetrics.Route snapshot() {
    return metrics.snapshot(null);
  }

  private Map<String, Long> dropped() {
    return snapshot().traffic().dropped();
  }

  @Test
  void framesCountAsSentWhenTheirSendCompletes() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001, metrics);
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
    OutboundQueue queue = new OutboundQueue(sink, 10, 4001, metrics);
    queue.offerText("aaaa"); // in flight
    queue.offerText("bbbb"); // pending
    assertThat(queue.offerText("cccc")).isFalse();
    assertThat(snapshot().queues().outboundOverflows()).isEqualTo(1);
    assertThat(dropped()).containsEntry("outbound_overflow", 2L);
  }

  @Test
  void aTimedOutSendCountsOnceWithTheFrameInFlightAndThoseBehindIt() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001, metrics);
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
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001, metrics);
    queue.offerText("a");
    queue.offerText("b");
    sink.failOne();
    assertThat(snapshot().queues().sendFailures()).isEqualTo(1);
    assertThat(dropped()).containsEntry("send_failed", 2L);
  }

  @Test
  void framesPendingWhenTheConnectionEndsCountAsClosed() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001, metrics);
    queue.offerText("a");
    queue.offerText("b");
    queue.offerText("c");
    queue.terminate();
    assertThat(dropped()).containsEntry("closed", 2L);
  }
}
