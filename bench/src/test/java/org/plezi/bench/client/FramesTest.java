package org.plezi.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramesTest {
  @Test
  void theAcceptValueIsRfc6455sExample() {
    assertThat(Frames.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="))
        .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }

  @Test
  void aResponseWithoutSwitchingProtocolsOrTheRightAcceptIsRefused() {
    String accept = Frames.acceptFor("dGhlIHNhbXBsZSBub25jZQ==");
    assertThat(
            Frames.checkResponse(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "sec-websocket-accept: "
                    + accept
                    + "\r\n\r\n",
                accept))
        .isNull();
    assertThat(Frames.checkResponse("HTTP/1.1 404 Not Found\r\n\r\n", accept)).contains("404");
    assertThat(
            Frames.checkResponse("HTTP/1.1 101 OK\r\nSec-WebSocket-Accept: nope\r\n\r\n", accept))
        .contains("wrong");
    assertThat(Frames.checkResponse("HTTP/1.1 101 OK\r\n\r\n", accept)).contains("no Sec");
  }

  @Test
  void clientFramesAreMaskedAndUnmaskToThePayload() {
    byte[] text = "x".repeat(300).getBytes(StandardCharsets.UTF_8);
    ByteBuffer frame = Frames.clientFrame(Frames.TEXT, text);
    assertThat(frame.get(0) & 0xFF).isEqualTo(0x81);
    assertThat(frame.get(1) & 0xFF).isEqualTo(0x80 | 126);
    assertThat(frame.getShort(2) & 0xFFFF).isEqualTo(300);
    byte[] mask = {frame.get(4), frame.get(5), frame.get(6), frame.get(7)};
    byte[] unmasked = new byte[300];
    for (int i = 0; i < 300; i++) {
      unmasked[i] = (byte) (frame.get(8 + i) ^ mask[i & 3]);
    }
    assertThat(unmasked).isEqualTo(text);
  }

  @Test
  void theHeaderEndIsFoundOnlyWhenTheBlankLineIsThere() {
    byte[] data = "HTTP/1.1 101\r\nA: b\r\n\r\n\u0081\u0000".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(Frames.headerEnd(data, 0, data.length)).isEqualTo(data.length - 2);
    assertThat(Frames.headerEnd(data, 0, data.length - 3)).isEqualTo(-1);
  }
}
