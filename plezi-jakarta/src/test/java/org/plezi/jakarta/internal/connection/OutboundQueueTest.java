package org.plezi.jakarta.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The queue against a fake remote end whose sends complete only when the test says so. */
class OutboundQueueTest {
  /** Records sends; completes them inline or on demand. */
  static class FakeSink implements OutboundQueue.Sink {
    final List<String> sent = new ArrayList<>();
    final Deque<Consumer<Throwable>> outstanding = new ArrayDeque<>();
    final List<String> closes = new ArrayList<>();
    int maxOutstanding;

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
      sent.add(text);
      start(done);
    }

    @Override
    public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
      sent.add("bin:" + data.remaining());
      start(done);
    }

    private void start(Consumer<Throwable> done) {
      outstanding.add(done);
      maxOutstanding = Math.max(maxOutstanding, outstanding.size());
    }

    @Override
    public void close(int code, String reason) {
      closes.add(code + " " + reason);
    }

    void completeOne() {
      outstanding.poll().accept(null);
    }

    void failOne() {
      outstanding.poll().accept(new java.io.IOException("broken pipe"));
    }
  }

  private final FakeSink sink = new FakeSink();

  @Test
  void sendsOneFrameAtATimeInOfferOrder() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001);
    assertThat(queue.offerText("a")).isTrue();
    assertThat(queue.offerText("b")).isTrue();
    assertThat(queue.offerBinary(ByteBuffer.wrap(new byte[3]))).isTrue();
    assertThat(sink.sent).containsExactly("a");
    sink.completeOne();
    assertThat(sink.sent).containsExactly("a", "b");
    sink.completeOne();
    sink.completeOne();
    assertThat(sink.sent).containsExactly("a", "b", "bin:3");
    assertThat(sink.maxOutstanding).isEqualTo(1);
    assertThat(queue.queuedBytes()).isZero();
  }

  @Test
  void heldFramesWaitUntilTheLastReleaseAndKeepTheirOrder() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001);
    queue.offerText("before");
    queue.hold();
    queue.hold();
    queue.offerText("a");
    sink.completeOne(); // the frame in flight goes on; the next one waits for the release
    queue.offerText("b");
    assertThat(sink.sent).containsExactly("before");
    queue.release();
    assertThat(sink.sent).containsExactly("before");
    queue.release();
    assertThat(sink.sent).containsExactly("before", "a");
    sink.completeOne();
    assertThat(sink.sent).containsExactly("before", "a", "b");
    sink.completeOne();
    assertThat(queue.queuedBytes()).isZero();
    queue.offerText("after");
    assertThat(sink.sent).containsExactly("before", "a", "b", "after");
  }

  @Test
  void aCloseOfferedWhileHeldIsCalledAtTheRelease() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001);
    queue.hold();
    queue.offerText("x");
    queue.offerClose(1000, "bye");
    assertThat(sink.sent).isEmpty();
    assertThat(sink.closes).isEmpty();
    queue.release();
    sink.completeOne();
    assertThat(sink.sent).containsExactly("x");
    assertThat(sink.closes).containsExactly("1000 bye");
  }

  @Test
  void aReleaseWithoutHoldIsRefused() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001);
    org.assertj.core.api.Assertions.assertThatThrownBy(queue::release)
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void countsBytesUntilSent() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001);
    queue.offerText("12345");
    queue.offerText("678");
    assertThat(queue.queuedBytes()).isEqualTo(8);
    sink.completeOne();
    assertThat(queue.queuedBytes()).isEqualTo(3);
  }

  @Test
  void overflowDropsPendingFramesClosesWithTheOverflowCodeAndRefusesLaterOffers() {
    OutboundQueue queue = new OutboundQueue(sink, 10, 4001);
    assertThat(queue.offerText("12345")).isTrue(); // in flight
    assertThat(queue.offerText("6789")).isTrue(); // pending, 9 bytes queued
    assertThat(queue.offerText("ab")).isFalse(); // 11 > 10
    assertThat(sink.closes).containsExactly("4001 outbound queue overflow");
    assertThat(queue.isAccepting()).isFalse();
    assertThat(queue.offerText("x")).isFalse();
    sink.completeOne(); // the frame in flight finishes; nothing pending is sent afterwards
    assertThat(sink.sent).containsExactly("12345");
    assertThat(sink.closes).hasSize(1);
  }

  @Test
  void aSingleFrameLargerThanTheBoundOverflows() {
    OutboundQueue queue = new OutboundQueue(sink, 10, 4001);
    assertThat(queue.offerText("x".repeat(11))).isFalse();
    assertThat(sink.sent).isEmpty();
    assertThat(sink.closes).containsExactly("4001 outbound queue overflow");
  }

  @Test
  void closeWaitsForQueuedFramesAndHappensOnce() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001);
    queue.offerText("a");
    queue.offerText("b");
    queue.offerClose(1000, "bye");
    queue.offerClose(1001, "again");
    assertThat(queue.offerText("late")).isFalse();
    assertThat(sink.closes).isEmpty();
    sink.completeOne();
    assertThat(sink.closes).isEmpty();
    sink.completeOne();
    assertThat(sink.sent).containsExactly("a", "b");
    assertThat(sink.closes).containsExactly("1000 bye");
  }

  @Test
  void aFailedSendDropsTheRestAndClosesOnce() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001);
    queue.offerText("a");
    queue.offerText("b");
    sink.failOne();
    assertThat(sink.sent).containsExactly("a");
    assertThat(sink.closes).containsExactly("1011 send failed");
    assertThat(queue.offerText("c")).isFalse();
    assertThat(queue.queuedBytes()).isZero();
  }

  @Test
  void aSinkThatThrowsCountsAsAFailedSend() {
    OutboundQueue.Sink throwing =
        new FakeSink() {
          @Override
          public void sendText(String text, Consumer<Throwable> done) {
            throw new IllegalStateException("session closed");
          }
        };
    OutboundQueue queue = new OutboundQueue(throwing, 1000, 4001);
    assertThat(queue.offerText("a")).isTrue();
    assertThat(queue.isAccepting()).isFalse();
    assertThat(((FakeSink) throwing).closes).containsExactly("1011 send failed");
  }

  @Test
  void terminateDropsEverythingWithoutClosing() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001);
    queue.offerText("a");
    queue.offerText("b");
    queue.terminate();
    sink.completeOne();
    assertThat(sink.sent).containsExactly("a");
    assertThat(sink.closes).isEmpty();
    assertThat(queue.offerText("c")).isFalse();
  }

  @Test
  void inlineCompletionOfManyQueuedFramesDoesNotGrowTheStack() {
    // 200,000 frames queued behind the first send, every send completing on the calling thread:
    // a recursive pump would overflow the stack, the loop does not.
    OutboundQueue[] queue = new OutboundQueue[1];
    FakeSink inline =
        new FakeSink() {
          @Override
          public void sendText(String text, Consumer<Throwable> done) {
            sent.add(text);
            if (sent.size() == 1) {
              for (int i = 1; i < 200_000; i++) {
                queue[0].offerText(Integer.toString(i));
              }
            }
            done.accept(null);
          }
        };
    queue[0] = new OutboundQueue(inline, Long.MAX_VALUE, 4001);
    queue[0].offerText("0");
    assertThat(inline.sent).hasSize(200_000);
    assertThat(inline.sent.get(199_999)).isEqualTo("199999");
    assertThat(queue[0].queuedBytes()).isZero();
    assertThat(queue[0].isAccepting()).isTrue();
  }

  @Test
  void concurrentOffersWithCompletionsOnAnotherThreadKeepPerThreadOrder() throws Exception {
    List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.ExecutorService io =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    OutboundQueue.Sink async =
        new OutboundQueue.Sink() {
          @Override
          public void sendText(String text, Consumer<Throwable> done) {
            io.execute(
                () -> {
                  delivered.add(text);
                  done.accept(null);
                });
          }

          @Override
          public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {}

          @Override
          public void close(int code, String reason) {}
        };
    OutboundQueue queue = new OutboundQueue(async, Long.MAX_VALUE, 4001);
    Thread[] writers = new Thread[4];
    for (int t = 0; t < writers.length; t++) {
      int id = t;
      writers[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 5000; i++) {
                  queue.offerText(id + ":" + i);
                }
              });
      writers[t].start();
    }
    for (Thread writer : writers) {
      writer.join();
    }
    org.awaitility.Awaitility.await().until(() -> delivered.size() == 20_000);
    io.shutdown();
    int[] next = new int[writers.length];
    for (String text : delivered) {
      String[] parts = text.split(":");
      int id = Integer.parseInt(parts[0]);
      assertThat(Integer.parseInt(parts[1])).isEqualTo(next[id]++);
    }
    assertThat(queue.queuedBytes()).isZero();
  }

  @Test
  void aSendInFlightPastTheLimitIsLateAndTimingItOutClosesWith1011() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001);
    long before = System.nanoTime();
    queue.offerText("a");
    queue.offerText("b");
    long after = System.nanoTime();
    assertThat(queue.sendingLongerThan(1_000_000_000L, after)).isFalse();
    assertThat(queue.sendingLongerThan(1_000, after + 1_000_000)).isTrue();
    queue.timeOut();
    assertThat(sink.closes).containsExactly("1011 send timed out");
    assertThat(queue.offerText("c")).isFalse();
    assertThat(queue.sendingLongerThan(0, after + 1_000_000)).isFalse();
    queue.timeOut(); // once closed, nothing more happens
    sink.completeOne(); // the stuck send ends after all: nothing else is sent
    assertThat(sink.sent).containsExactly("a");
    assertThat(sink.closes).hasSize(1);
    assertThat(before).isLessThanOrEqualTo(after);
  }

  @Test
  void eachFrameGetsTheWholeLimitAndAnIdleQueueIsNeverLate() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001);
    assertThat(queue.sendingLongerThan(0, System.nanoTime() + 1_000_000)).isFalse();
    queue.offerText("a");
    queue.offerText("b");
    long bStarts = System.nanoTime();
    sink.completeOne(); // "b" is now in flight, timed from here
    assertThat(queue.sendingLongerThan(1_000_000_000L, bStarts + 999_000_000L)).isFalse();
    sink.completeOne();
    assertThat(queue.sendingLongerThan(0, System.nanoTime() + 1_000_000_000L)).isFalse();
  }

  @Test
  void aCloseFrameInFlightIsNotASendThatCanTimeOut() {
    OutboundQueue queue = new OutboundQueue(sink, 1000, 4001);
    queue.offerClose(1000, "bye");
    assertThat(queue.sendingLongerThan(0, System.nanoTime() + 1_000_000_000L)).isFalse();
    queue.timeOut();
    assertThat(sink.closes).containsExactly("1000 bye");
  }
}
