package org.plezi.jakarta.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.TestServer;

/**
 * Thousands of upgrades opened and dropped at every stage of the handshake leave nothing behind: no
 * parked endpoint, no connection place, no connection in the registry, and every controller made is
 * closed or released (the parked-upgrade sweep, every second, needs no further upgrade).
 */
@Timeout(180)
class HandshakeFloodIT {
  private static final int EACH = 1000;

  @Route("/flood")
  public static class Flooded extends Controller {
    static final AtomicInteger MADE = new AtomicInteger();
    static final AtomicInteger OPENED = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();

    @Override
    protected boolean preConnect() {
      MADE.incrementAndGet();
      return true;
    }

    @Override
    protected void onOpen() {
      OPENED.incrementAndGet();
    }

    @Override
    protected void onClose(int code, String reason) {
      CLOSED.incrementAndGet();
    }

    @Override
    protected void onMessage(String text) {}
  }

  private static final String REQUEST =
      "GET /flood HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\nSec-WebSocket-Version: 13\r\n\r\n";

  @Test
  void upgradesDroppedBeforeTheHeadersEndAfterTheRequestAndAfterThe101LeaveNothingBehind()
      throws Exception {
    try (TestServer server =
        TestServer.start(Map.of("plezi.connections.max", "100"), Flooded.class)) {
      PleziRuntime runtime =
          (PleziRuntime) server.servletContext().getAttribute(PleziRuntime.ATTRIBUTE);
      byte[] request = REQUEST.getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < EACH; i++) {
        dropAfter(server.port(), request, request.length / 2, false); // headers never end
        dropAfter(server.port(), request, request.length, false); // request sent, answer unread
        dropAfter(server.port(), request, request.length, true); // 101 read, then gone
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(runtime.handOff().parkedCount()).as("parked").isZero();
                assertThat(runtime.gate().reserved()).as("places").isZero();
                assertThat(runtime.connections().all()).as("registry").isEmpty();
                assertThat(Flooded.CLOSED.get()).isEqualTo(Flooded.OPENED.get());
              });
      // With the limit at 100 and 2,000 dropped upgrades behind, a new client still gets in.
      try (var again = org.plezi.jakarta.testing.RawHandshake.open(server.ws("/flood"))) {
        assertThat(again.status()).isEqualTo(101);
      }
      assertThat(Flooded.MADE.get()).isPositive();
    }
  }

  private static void dropAfter(int port, byte[] request, int bytes, boolean readAnswer)
      throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request, 0, bytes);
      out.flush();
      if (readAnswer) {
        InputStream in = socket.getInputStream();
        byte[] status = new byte[12];
        int read = 0;
        while (read < status.length) {
          int n = in.read(status, read, status.length - read);
          if (n < 0) {
            break;
          }
          read += n;
        }
        String line = new String(status, 0, read, StandardCharsets.US_ASCII);
        // Refused (503) when the earlier ones still hold their places: dropped the same.
        assertThat(line).matches("HTTP/1\\.1 (101|503)");
      }
    }
  }
}
