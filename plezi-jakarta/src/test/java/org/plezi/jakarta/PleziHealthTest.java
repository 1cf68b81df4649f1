package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plezi.jakarta.PleziHealth.Redis;

class PleziHealthTest {
  private static final String UUID = "3b241101-e2bb-4255-8caf-4136c566a962";

  @Test
  void readyOnceStartedWithRedisJoinedOrNotNeeded() {
    assertThat(PleziHealth.of(UUID, true, false, Redis.NOT_CONFIGURED).ready()).isTrue();
    assertThat(PleziHealth.of(UUID, true, false, Redis.CONNECTED).ready()).isTrue();
  }

  @Test
  void notReadyBeforeStartWhileRedisIsMissingOrWhenStopping() {
    assertThat(PleziHealth.of(UUID, false, false, Redis.NOT_CONFIGURED).ready()).isFalse();
    assertThat(PleziHealth.of(UUID, true, false, Redis.CONNECTING).ready()).isFalse();
    assertThat(PleziHealth.of(UUID, true, false, Redis.DISCONNECTED).ready()).isFalse();
    assertThat(PleziHealth.of(UUID, true, true, Redis.CONNECTED).ready()).isFalse();
  }

  @Test
  void liveUntilUndeployBegins() {
    assertThat(PleziHealth.of(UUID, false, false, Redis.CONNECTING).live()).isTrue();
    assertThat(PleziHealth.of(UUID, true, false, Redis.DISCONNECTED).live()).isTrue();
    assertThat(PleziHealth.of(UUID, true, true, Redis.CONNECTED).live()).isFalse();
  }
}
