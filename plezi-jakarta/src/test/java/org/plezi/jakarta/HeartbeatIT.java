package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
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

/**
 * plezi.ping.intervalMillis / plezi.ping.timeoutMillis (#18): a client that stops reading and
 * answering is closed with 4009 within interval + timeout (plus a sweep), and its identity leaves
 * the registry at once, so mail waits in the mailbox; a healthy idle client stays.
 */
@Timeout(120)
class HeartbeatIT {
  /** Registers as the identity the test names before it connects; mail goes to the client. */
  @Route("/beat")
  public static class Beat extends Controller {
    static volatile String nextIdentity = "nobody";
    static final BlockingQueue<Beat> OPENED = new LinkedBlockingQueue<>();

    @Override
    protected void onOpen() {
      registerAs(nextIdentity);
      OPENED.add(this);
    }

    @Override
    protected void onMessage(String text) {
      write("echo " + text);
    }

    @Override
    protected void onClose(int code, String reason) {
      Journal.record("closed " + code + " " + reason);
    }

    @Event
    void mail(String text) {
      write("mail " + text);
    }
  }

  private static final long INTERVAL = 300;
  private static final long TIMEOUT = 500;

  private TestServer server;

  @BeforeEach
  void start() {
    Journal.clear();
    Beat.OPENED.clear();
    server =
        TestServer.start(
            Map.of(
                "plezi.ping.intervalMillis",
                Long.toString(INTERVAL),
                "plezi.ping.timeoutMillis",
                Long.toString(TIMEOUT)),
            Beat.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Messenger messenger() {
    return Plezi.messenger(server.servletContext());
  }

  @Test
  void aFrozenClientIsClosedWith4009AndItsIdentityLeavesTheRegistry() throws Exception {
    Beat.nextIdentity = "frozen";
    try (RawHandshake frozen = RawHandshake.open(server.ws("/beat"))) {
      assertThat(frozen.status()).isEqualTo(101);
      Beat side = Beat.OPENED.poll(20, TimeUnit.SECONDS);
      long opened = System.nanoTime();
      // Nothing is read or answered from now on: no pong, no frame.
      assertThat(Journal.awaitEntry("closed ")).isEqualTo("closed 4009 heartbeat timeout");
      Duration took = Duration.ofNanos(System.nanoTime() - opened);
      // Never before a ping's timeout; the bound is interval + timeout + a sweep, with room for a
      // loaded machine (without the heartbeat the connection would stay open for good).
      assertThat(took).isGreaterThan(Duration.ofMillis(INTERVAL + TIMEOUT - 50));
      assertThat(took).isLessThan(Duration.ofSeconds(10));
      assertThat(side.isOpen()).isFalse();
      // The identity is alive but has no connection: mail waits, and reaches the next login.
      assertThat(messenger().notify("frozen", "mail", "while away")).isTrue();
      Beat.nextIdentity = "frozen";
      try (WsClient back = WsClient.connect(server.ws("/beat"))) {
        back.expectText("mail while away");
      }
      // The frozen socket got the server's pings and then the 4009 close frame.
      assertThat(frozen.readsCloseFrame(CloseCodes.HEARTBEAT_TIMEOUT)).isTrue();
    }
  }

  @Test
  void aHealthyIdleClientAnswersThePingsAndStaysOpen() throws Exception {
    Beat.nextIdentity = "healthy";
    try (WsClient healthy = WsClient.connect(server.ws("/beat"))) {
      Beat side = Beat.OPENED.poll(20, TimeUnit.SECONDS);
      // Silent for many intervals: the client's container answers each ping with a pong.
      Thread.sleep(6 * (INTERVAL + TIMEOUT));
      assertThat(Journal.pollNow()).isNull();
      assertThat(side.isOpen()).isTrue();
      assertThat(messenger().notify("healthy", "mail", "still here")).isTrue();
      healthy.expectText("mail still here");
      healthy.send("hi");
      healthy.expectText("echo hi");
    }
  }
}
