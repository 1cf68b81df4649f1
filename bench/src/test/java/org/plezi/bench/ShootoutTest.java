package org.plezi.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShootoutTest {
  @Test
  void aBroadcastFrameCarriesItsStepNumberAndSendTime() {
    String frame = Shootout.broadcast(7, 19, 123_456_789_012L);
    assertThat(frame)
        .isEqualTo(
            "{\"type\":\"broadcast\",\"payload\":{\"step\":7,\"id\":19,\"sent\":123456789012}}");
    assertThat(Shootout.type(frame)).isEqualTo(Shootout.Type.BROADCAST);
    assertThat(Shootout.number(frame, "step")).isEqualTo(7);
    assertThat(Shootout.number(frame, "id")).isEqualTo(19);
    assertThat(Shootout.number(frame, "sent")).isEqualTo(123_456_789_012L);
  }

  @Test
  void theResultIsTheSamePayloadUnderAnotherType() {
    String frame = Shootout.broadcast(1, 2, 3);
    String result = Shootout.result(frame);
    assertThat(result)
        .isEqualTo("{\"type\":\"broadcastResult\",\"payload\":{\"step\":1,\"id\":2,\"sent\":3}}");
    assertThat(Shootout.type(result)).isEqualTo(Shootout.Type.BROADCAST_RESULT);
    assertThat(Shootout.number(result, "sent")).isEqualTo(3);
  }

  @Test
  void echoFramesAreToldApart() {
    String echo = Shootout.echo(41);
    assertThat(Shootout.type(echo)).isEqualTo(Shootout.Type.ECHO);
    assertThat(Shootout.number(echo, "conn")).isEqualTo(41);
    assertThatThrownBy(() -> Shootout.result(echo)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anythingElseIsOtherAndHasNoNumbers() {
    assertThat(Shootout.type("")).isEqualTo(Shootout.Type.OTHER);
    assertThat(Shootout.type("{\"type\":\"broad")).isEqualTo(Shootout.Type.OTHER);
    assertThat(Shootout.type("{\"type\":\"shout\",\"payload\":1}")).isEqualTo(Shootout.Type.OTHER);
    assertThat(Shootout.number("{\"id\":\"x\"}", "id")).isEqualTo(-1);
    assertThat(Shootout.number("{\"step\":1}", "id")).isEqualTo(-1);
    assertThat(Shootout.number("{\"id\":", "id")).isEqualTo(-1);
  }
}
