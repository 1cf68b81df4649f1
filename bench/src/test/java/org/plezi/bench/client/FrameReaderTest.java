package org.plezi.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
  private final List<String> received = new ArrayList<>();
  private final ConnectionGroup group =
      new ConnectionGroup("/t", (c, data, offset, length, now) -> {}, 1);
  private final WsConnection connection = new WsConnection(0, group, null, "");
  private final List<Integer> closes = new ArrayList<>();
  private final FrameReader.Sink sink =
      new FrameReader.Sink() {
        @Override
        public void message(WsConnection c, byte[] data, int offset, int length, long now) {
          received.add(new String(data, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void serverClosed(WsConnection c, int code) {
          closes.add(code);
        }

        @Override
        public void pong(WsConnection c, byte[] payload) {
          received.add("pong " + new String(payload, StandardCharsets.UTF_8));
        }
      };

  FrameReaderTest() {
    connection.state = WsConnection.State.OPEN;
  }

  @Test
  void completeFramesOfEverySizeClassAreDelivered() throws Exception {
    String small = "a".repeat(10);
    String medium = "b".repeat(300);
    String large = "c".repeat(60_000);
    byte[] data = concat(frame(0x81, small), frame(0x81, medium), frame(0x81, large));
    int end = FrameReader.frames(sink, connection, data, 0, data.length, 0);
    assertThat(end).isEqualTo(data.length);
    assertThat(received).containsExactly(small, medium, large);
  }

  @Test
  void anIncompleteFrameIsLeftForTheNextRead() throws Exception {
    byte[] data = concat(frame(0x81, "one"), frame(0x81, "two"));
    int end = FrameReader.frames(sink, connection, data, 0, data.length - 1, 0);
    assertThat(end).isEqualTo(5);
    assertThat(received).containsExactly("one");
  }

  @Test
  void fragmentsAreReassembled() throws Exception {
    byte[] data = concat(frame(0x01, "frag"), frame(0x00, "men"), frame(0x80, "ted"));
    FrameReader.frames(sink, connection, data, 0, data.length, 0);
    assertThat(received).containsExactly("fragmented");
  }

  @Test
  void pingsAreAnsweredAndACloseFrameCarriesItsCode() throws Exception {
    byte[] data =
        concat(
            frame(0x89, "hb"),
            new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE9},
            new byte[] {(byte) 0x88, 0});
    FrameReader.frames(sink, connection, data, 0, data.length, 0);
    assertThat(received).containsExactly("pong hb");
    assertThat(closes).containsExactly(1001, 1005);
  }

  @Test
  void aMaskedServerFrameIsAProtocolError() {
    byte[] data = {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 5};
    assertThatThrownBy(() -> FrameReader.frames(sink, connection, data, 0, data.length, 0))
        .hasMessageContaining("masked");
  }

  @Test
  void aContinuationOutsideAMessageIsAProtocolError() throws Exception {
    byte[] data = frame(0x80, "x");
    assertThatThrownBy(() -> FrameReader.frames(sink, connection, data, 0, data.length, 0))
        .hasMessageContaining("continuation");
  }

  private static byte[] frame(int b0, String text) throws Exception {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b0);
    if (payload.length < 126) {
      out.write(payload.length);
    } else if (payload.length <= 0xFFFF) {
      out.write(126);
      out.write(payload.length >> 8);
      out.write(payload.length);
    } else {
      out.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) ((long) payload.length >> shift));
      }
    }
    out.write(payload);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.write(part);
    }
    return out.toByteArray();
  }
}
