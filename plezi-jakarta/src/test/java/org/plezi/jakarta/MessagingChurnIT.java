package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** Fan-out while connections come and go, and a receiver that cannot keep up. */
@Timeout(120)
class MessagingChurnIT {
  @Route("/room")
  public static class Room extends Controller {
    @Override
    protected void onMessage(String text) {}

    @Override
    protected void onOpen() {
      write("open");
    }

    @Event
    void tick(int n) {
      write("tick " + n);
    }
  }

  /** Its event blocks until the test releases it. */
  @Route("/slow")
  public static class Slow extends Controller {
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Override
    protected void onMessage(String text) {}

    @Override
    protected void onOpen() {
      write("open");
    }

    @Event
    void work(int n) throws InterruptedException {
      RELEASE.await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void broadcastsDuringChurnReachEveryStableConnectionExactlyOnceInOrder() throws Exception {
    try (TestServer server = TestServer.start(Room.class)) {
      Messenger messenger = Plezi.messenger(server.servletContext());
      List<WsClient> stable = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        WsClient client = WsClient.connect(server.ws("/room"));
        client.expectText("open");
        stable.add(client);
      }
      AtomicBoolean churning = new AtomicBoolean(true);
      ExecutorService churners = Executors.newFixedThreadPool(4);
      List<Future<Integer>> cycles = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        cycles.add(
            churners.submit(
                () -> {
                  int count = 0;
                  while (churning.get() && count < 200) {
                    try (WsClient passing = WsClient.connect(server.ws("/room"))) {
                      count++;
                    }
                  }
                  return count;
                }));
      }
      int broadcasts = 300;
      for (int n = 0; n < broadcasts; n++) {
        messenger.broadcast(Room.class, "tick", n);
      }
      churning.set(false);
      int churned = 0;
      for (Future<Integer> f : cycles) {
        churned += f.get(60, TimeUnit.SECONDS);
      }
      churners.shutdown();
      assertThat(churned).isPositive();
      for (WsClient client : stable) {
        for (int n = 0; n < broadcasts; n++) {
          client.expectText("tick " + n);
        }
        client.expectNothingMore();
        client.close();
      }
    }
  }

  @Test
  void aReceiverWhoseInboxOverflowsIsClosedAndOthersKeepReceiving() throws Exception {
    try (TestServer server =
            TestServer.start(Map.of("plezi.inbox.maxMessages", "16"), Slow.class, Room.class);
        WsClient slow = WsClient.connect(server.ws("/slow"));
        WsClient healthy = WsClient.connect(server.ws("/room"))) {
      slow.expectText("open");
      healthy.expectText("open");
      Messenger messenger = Plezi.messenger(server.servletContext());
      for (int n = 0; n < 100; n++) {
        messenger.broadcast(Slow.class, "work", n);
      }
      assertThat(slow.awaitClose().code()).isEqualTo(CloseCodes.INBOX_OVERFLOW);
      Slow.RELEASE.countDown();
      messenger.broadcast(Room.class, "tick", 1);
      healthy.expectText("tick 1");
    }
  }
}
