package org.plezi.jakarta.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.CloseCodes;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.internal.runtime.PleziRuntime;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Messages longer than Tomcat's message buffers (8 KiB) and up to {@code plezi.message.maxBytes}
 * arrive whole, in one frame or in many, while every session keeps Tomcat's buffer sizes (issue 15:
 * raising them cost 128 KB per connection that had sent a text frame); longer ones close with 1009
 * however they are cut.
 */
class LongMessagesIT {
  private static final int MAX = 100_000;

  @Route("/long")
  public static class Echo extends Controller {
    @Override
    protected void onMessage(String text) {
      write(text.length() + ":" + text.hashCode());
    }

    @Override
    protected void onMessage(byte[] data) {
      write(data);
    }
  }

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("plezi.message.maxBytes", Integer.toString(MAX)), Echo.class);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  /** Multi-byte characters throughout, so that Tomcat's parts end inside their UTF-8 bytes. */
  private static String text(int length) {
    StringBuilder text = new StringBuilder(length);
    String pattern = "é漢😀a";
    while (text.length() < length) {
      text.append(pattern);
    }
    text.setLength(length);
    if (Character.isHighSurrogate(text.charAt(length - 1))) {
      text.setCharAt(length - 1, 'z');
    }
    return text.toString();
  }

  private static String answer(String text) {
    return text.length() + ":" + text.hashCode();
  }

  @Test
  void longTextInOneFrameArrivesWholeAndTheSessionKeepsTomcatsBuffers() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/long"))) {
      for (int length : new int[] {1, 8_191, 8_193, 50_000, MAX}) {
        String text = text(length);
        client.send(text);
        client.expectText(answer(text));
      }
      byte[] data = new byte[MAX];
      new Random(15).nextBytes(data);
      client.send(data);
      assertThat(((WsClient.Binary) client.next()).data()).isEqualTo(data);
      for (Connection connection : runtime().connections().all()) {
        Session session = connection.session();
        assertThat(session.getMaxTextMessageBufferSize()).isEqualTo(8_192);
        assertThat(session.getMaxBinaryMessageBufferSize()).isEqualTo(8_192);
      }
    }
  }

  @Test
  void textSentInFragmentsArrivesWhole() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/long"))) {
      String text = text(MAX);
      for (int from = 0;
          from < MAX;
          from += 7_000) { // whole patterns: a cut never splits a surrogate pair
        int to = Math.min(MAX, from + 7_000);
        client.session().getBasicRemote().sendText(text.substring(from, to), to == MAX);
      }
      client.expectText(answer(text));
      client.send("short one after it");
      client.expectText(answer("short one after it"));
    }
  }

  @Test
  void textOverTheLimitInFragmentsClosesWith1009() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/long"))) {
      String part = text(30_000);
      try {
        for (int i = 0; i < 4; i++) { // 120,000 chars, each part within the limit
          client.session().getBasicRemote().sendText(part, i == 3);
        }
      } catch (java.io.IOException | IllegalStateException e) {
        // the server may close before the last part is sent
      }
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }
  }

  @Test
  void binaryOverTheLimitInOneFrameClosesWith1009() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/long"))) {
      client.send(new byte[MAX + 1]);
      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }
  }

  @Test
  void binarySentInFragmentsArrivesWhole() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/long"))) {
      byte[] data = new byte[MAX];
      new Random(16).nextBytes(data);
      for (int from = 0; from < MAX; from += 9_999) {
        int to = Math.min(MAX, from + 9_999);
        client
            .session()
            .getBasicRemote()
            .sendBinary(ByteBuffer.wrap(data, from, to - from), to == MAX);
      }
      assertThat(((WsClient.Binary) client.next()).data()).isEqualTo(data);
    }
  }

  private static PleziRuntime runtime() {
    return (PleziRuntime) server.servletContext().getAttribute(PleziRuntime.ATTRIBUTE);
  }
}
