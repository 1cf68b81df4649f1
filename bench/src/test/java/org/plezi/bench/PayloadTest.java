package org.plezi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTest {
  @Test
  void everyPayloadIsA250ByteJsonObjectCarryingItsSequenceAndSendTime() {
    String payload = Payload.of(42, 1_234_567_890_123L);
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    assertThat(bytes).hasSize(Payload.SIZE);
    assertThat(payload).startsWith("{\"seq\":42,\"sent\":1234567890123,\"pad\":\"").endsWith("\"}");
    assertThat(Payload.seq(bytes, 0, bytes.length)).isEqualTo(42);
    assertThat(Payload.sent(bytes, 0, bytes.length)).isEqualTo(1_234_567_890_123L);
  }

  @Test
  void fieldsAreReadInPlaceAtAnOffset() {
    byte[] framed =
        ("xx" + Payload.of(7, Long.MAX_VALUE / 1000) + "yy").getBytes(StandardCharsets.UTF_8);
    assertThat(Payload.seq(framed, 2, Payload.SIZE)).isEqualTo(7);
    assertThat(Payload.sent(framed, 2, Payload.SIZE)).isEqualTo(Long.MAX_VALUE / 1000);
  }

  @Test
  void anythingElseReadsAsMalformed() {
    byte[] other = "{\"event\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(Payload.seq(other, 0, other.length)).isEqualTo(-1);
    assertThat(Payload.sent(other, 0, other.length)).isEqualTo(-1);
    byte[] empty = "{\"seq\":,".getBytes(StandardCharsets.UTF_8);
    assertThat(Payload.seq(empty, 0, empty.length)).isEqualTo(-1);
  }

  @Test
  void theLargestNumbersStillFitTheSize() {
    // 19-digit numbers still fit; the check guards against a future change of the format.
    assertThat(Payload.of(Long.MAX_VALUE, Long.MAX_VALUE)).hasSize(Payload.SIZE);
  }
}
