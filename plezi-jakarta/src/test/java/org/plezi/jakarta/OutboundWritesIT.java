package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.RawHandshake;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** Writes from many threads, and a client that stops reading. */
@Timeout(120)
class OutboundWritesIT {
  /** Hands each opened controller to the test. */
  @Route("/sink")
  public static class Sink extends Controller {
    static final BlockingQueue<Sink> OPENED = new LinkedBlockingQueue<>();

    @Override
    protected void onOpen() {
      OPENED.add(this);
    }

    @Override
    protected void onMessage(String text) {}

    @Override
    protected void onClose(int code, String reason) {
      Journal.record("closed " + code);
    }
  }

  private TestServer server;

  @BeforeEach
  void start() {
    Journal.clear();
    Sink.OPENED.clear();
    server = TestServer.start(Map.of("plezi.outbound.maxBytes", "65536"), Sink.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void eightThreadsWritingAThousandMessagesEachArriveCompleteAndInPerThreadOrder()
      throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/sink"))) {
      Sink sink = Sink.OPENED.poll(20, TimeUnit.SECONDS);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Integer>> refused = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        refused.add(
            pool.submit(
                () -> {
                  int failures = 0;
                  for (int i = 0; i < 1000; i++) {
                    if (!sink.write(thread + ":" + i)) {
                      failures++;
                    }
                  }
                  return failures;
                }));
      }
      for (Future<Integer> f : refused) {
        assertThat(f.get()).isZero();
      }
      pool.shutdown();
      int[] nextPerThread = new int[8];
      for (int n = 0; n < 8000; n++) {
        String[] parts = client.nextText().split(":");
        int thread = Integer.parseInt(parts[0]);
        assertThat(Integer.parseInt(parts[1])).isEqualTo(nextPerThread[thread]);
        nextPerThread[thread]++;
      }
      assertThat(nextPerThread).containsOnly(1000);
      client.expectNothingMore();
    }
  }

  @Test
  void aStalledClientOverflowsItsQueueAndIsClosedWhileOthersKeepReceiving() throws Exception {
    try (WsClient healthy = WsClient.connect(server.ws("/sink"))) {
      // One side at a time: a handshake can complete before the server runs its onOpen, so two
      // connections opened in a row may reach onOpen in either order.
      Sink healthySink = Sink.OPENED.poll(20, TimeUnit.SECONDS);
      try (RawHandshake stalled = RawHandshake.open(server.ws("/sink"))) {
        assertThat(stalled.status()).isEqualTo(101);
        Sink stalledSink = Sink.OPENED.poll(20, TimeUnit.SECONDS);
        String kilobyte = "x".repeat(1024);
        int written = 0;
        // Bounded: kernel buffers on loopback hold a few MB at most before the queue fills.
        while (stalledSink.write(kilobyte)) {
          written++;
          assertThat(written).as("writes before overflow").isLessThan(1_000_000);
        }
        assertThat(stalledSink.write("after overflow")).isFalse();
        assertThat(stalledSink.isOpen()).isFalse();

        assertThat(healthySink.write("still flowing")).isTrue();
        healthy.expectText("still flowing");
        assertThat(Journal.awaitEntry("closed "))
            .isEqualTo("closed " + CloseCodes.OUTBOUND_OVERFLOW);
        await().atMost(Duration.ofSeconds(30)).until(stalled::drainUntilClosed);
        assertThat(healthySink.isOpen()).isTrue();
      }
    }
  }

  @Test
  void writesAfterCloseAreRefusedAndTheCloseFollowsQueuedFrames() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/sink"))) {
      Sink sink = Sink.OPENED.poll(20, TimeUnit.SECONDS);
      assertThat(sink.write("last words")).isTrue();
      sink.close(4321, "done");
      assertThat(sink.write("too late")).isFalse();
      client.expectText("last words");
      assertThat(client.next()).isEqualTo(new WsClient.Closed(4321, "done"));
    }
  }
}
