package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.LogCapture;
import org.plezi.jakarta.testing.RawHandshake;
import org.plezi.jakarta.testing.TestServer;

/**
 * Junk handshakes, as the issue sent them: each keeps the status RFC 6455 gives it (426 naming
 * version 13, 400), no controller is made for any, and the log gets at most one line per interval.
 */
@Timeout(120)
class BadHandshakeIT {
  @Route("/echo")
  public static class Echo extends Controller {
    @Override
    protected boolean preConnect() {
      Journal.record("preConnect");
      return true;
    }

    @Override
    protected void onMessage(String text) {
      write(text);
    }
  }

  @Test
  void twoHundredFiftyWrongVersionsAndTwoHundredFiftyMissingKeysAreAnsweredAndLoggedOnce()
      throws Exception {
    Journal.clear();
    try (TestServer server = TestServer.start(Echo.class);
        LogCapture log = LogCapture.start()) {
      long started = System.nanoTime();
      for (int i = 0; i < 250; i++) {
        try (RawHandshake wrong =
            RawHandshake.openExact(
                server.ws("/echo"),
                "Sec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==",
                "Sec-WebSocket-Version: 99")) {
          assertThat(wrong.status()).isEqualTo(426);
          assertThat(wrong.header("Sec-WebSocket-Version")).containsExactly("13");
        }
      }
      for (int i = 0; i < 250; i++) {
        try (RawHandshake noKey =
            RawHandshake.openExact(server.ws("/echo"), "Sec-WebSocket-Version: 13")) {
          assertThat(noKey.status()).isEqualTo(400);
        }
      }
      try (RawHandshake shortKey =
          RawHandshake.openExact(
              server.ws("/echo"), "Sec-WebSocket-Key: c2hvcnQ=", "Sec-WebSocket-Version: 13")) {
        assertThat(shortKey.status()).isEqualTo(400);
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      assertThat(Journal.pollNow()).as("no controller was asked").isNull();
      // One line per 5 s interval at most, however many handshakes it stands for.
      assertThat(log.count("bad websocket handshake")).isBetween(1L, 1 + seconds / 5);
      assertThat(log.texts())
          .noneMatch(t -> t.contains("did not upgrade") || t.contains("declined"));
      assertThat(
              log.texts().stream()
                  .filter(t -> t.contains("Sec-WebSocket") || t.contains("upgrade"))
                  .count())
          .isLessThanOrEqualTo(1 + seconds / 5);
      // The server is unharmed.
      try (RawHandshake fine = RawHandshake.open(server.ws("/echo"))) {
        assertThat(fine.status()).isEqualTo(101);
      }
    }
  }
}
