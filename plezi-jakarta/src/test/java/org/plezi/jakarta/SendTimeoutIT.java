package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.RawHandshake;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** plezi.outbound.sendTimeoutMillis: a client that stops reading is dropped, others are not. */
@Timeout(120)
class SendTimeoutIT {
  /** Hands each opened controller to the test and records how it closed. */
  @Route("/timed")
  public static class Timed extends Controller {
    static final BlockingQueue<Timed> OPENED = new LinkedBlockingQueue<>();

    @Override
    protected void onOpen() {
      OPENED.add(this);
    }

    @Override
    protected void onMessage(String text) {}

    @Override
    protected void onClose(int code, String reason) {
      Journal.record("closed " + code + " " + reason);
    }
  }

  private TestServer server;

  @BeforeEach
  void start() {
    Journal.clear();
    Timed.OPENED.clear();
    // A queue far larger than the kernel's socket buffers: the send stalls before it overflows.
    server =
        TestServer.start(
            Map.of(
                "plezi.outbound.sendTimeoutMillis", "500", "plezi.outbound.maxBytes", "268435456"),
            Timed.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aClientThatStopsReadingIsClosedWith1011AfterTheSendTimeoutWhileOthersKeepReceiving()
      throws Exception {
    try (WsClient healthy = WsClient.connect(server.ws("/timed"))) {
      // One side at a time: a handshake can complete before the server runs its onOpen, so two
      // connections opened in a row may reach onOpen in either order.
      Timed healthySide = Timed.OPENED.poll(20, TimeUnit.SECONDS);
      try (RawHandshake stalled = RawHandshake.open(server.ws("/timed"))) {
        assertThat(stalled.status()).isEqualTo(101);
        Timed stalledSide = Timed.OPENED.poll(20, TimeUnit.SECONDS);
        String kilobyte = "x".repeat(1024);
        long started = System.nanoTime();
        // 64 MiB: more than loopback socket buffers hold, so a send stays in flight.
        for (int i = 0; i < 64 * 1024 && stalledSide.write(kilobyte); i++) {
          // queued; nothing is read on the other end
        }
        assertThat(Journal.awaitEntry("closed ")).isEqualTo("closed 1011 send timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isGreaterThan(Duration.ofMillis(500));
        assertThat(stalledSide.isOpen()).isFalse();
        assertThat(healthySide.write("still flowing")).isTrue();
        healthy.expectText("still flowing");
        assertThat(healthySide.isOpen()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(stalled::drainUntilClosed);
      }
    }
  }

  @Test
  void aConnectionWritingLongerThanTheTimeoutInQuickSendsStaysOpen() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/timed"))) {
      Timed side = Timed.OPENED.poll(20, TimeUnit.SECONDS);
      // A frame every 100 ms for 1.2 s: each send is quick though writing lasts past 500 ms.
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      AtomicInteger ticks = new AtomicInteger();
      ticker.scheduleAtFixedRate(
          () -> side.write("tick " + ticks.getAndIncrement()), 0, 100, TimeUnit.MILLISECONDS);
      try {
        for (int i = 0; i < 12; i++) {
          client.expectText("tick " + i);
        }
      } finally {
        ticker.shutdownNow();
      }
      assertThat(side.isOpen()).isTrue();
      assertThat(side.write("still open")).isTrue();
    }
  }
}
