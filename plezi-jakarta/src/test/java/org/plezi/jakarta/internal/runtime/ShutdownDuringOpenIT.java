package org.plezi.jakarta.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Undeploy that starts while a connection is still in onOpen: undeploy's own pass over the
 * connections reaches it, and so does the endpoint's check after onOpen; onShutdown runs once.
 * (Seen on Jetty as a second "goodbye" before the 1001, once in a full run.)
 */
@Timeout(60)
class ShutdownDuringOpenIT {
  /** Released by the test once undeploy has begun. */
  private static final CountDownLatch RELEASE = new CountDownLatch(1);

  @Route("/slow-open")
  public static class SlowOpen extends Controller {
    @Override
    protected void onOpen() {
      Journal.record("onOpen");
      try {
        RELEASE.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    protected void onMessage(String text) {}

    @Override
    protected void onShutdown() {
      Journal.record("onShutdown");
      write("goodbye");
    }

    @Override
    protected void onClose(int code, String reason) {
      Journal.record("onClose " + code);
    }
  }

  @Test
  void aConnectionStillInOnOpenWhenUndeployBeginsGetsOnShutdownOnce() throws Exception {
    Journal.clear();
    TestServer server = TestServer.start(SlowOpen.class);
    PleziRuntime runtime =
        (PleziRuntime) server.servletContext().getAttribute(PleziRuntime.ATTRIBUTE);
    Thread stopper = new Thread(server::close, "undeploy");
    try (WsClient client = WsClient.connect(server.ws("/slow-open"))) {
      Journal.expect("onOpen");
      stopper.start();
      await().until(runtime::isStopping);
      RELEASE.countDown();
      client.expectText("goodbye");
      assertThat(client.next()).isEqualTo(new WsClient.Closed(1001, "server shutting down"));
      stopper.join(30_000);
      Journal.expect("onShutdown", "onClose 1001");
      assertThat(Journal.pollNow()).isNull();
    } finally {
      RELEASE.countDown();
      stopper.join(30_000);
    }
  }
}
