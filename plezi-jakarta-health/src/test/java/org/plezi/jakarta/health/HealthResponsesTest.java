package org.plezi.jakarta.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.PleziHealth;
import org.plezi.jakarta.PleziHealth.Redis;

class HealthResponsesTest {
  private static final String UUID = "3b241101-e2bb-4255-8caf-4136c566a962";

  @Test
  void aStartedServerWithRedisJoinedIsUpOnEveryCheck() {
    PleziHealth health = PleziHealth.of(UUID, true, false, Redis.CONNECTED);
    assertThat(HealthResponses.liveness(health).getStatus()).isEqualTo(Status.UP);
    assertThat(HealthResponses.readiness(health).getStatus()).isEqualTo(Status.UP);
    assertThat(HealthResponses.startup(health).getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void lostRedisMakesItUnreadyButStillLive() {
    PleziHealth health = PleziHealth.of(UUID, true, false, Redis.DISCONNECTED);
    HealthCheckResponse readiness = HealthResponses.readiness(health);
    assertThat(readiness.getStatus()).isEqualTo(Status.DOWN);
    assertThat(readiness.getName()).isEqualTo("plezi");
    assertThat(readiness.getData())
        .hasValueSatisfying(
            data ->
                assertThat(data)
                    .containsEntry("redis", "DISCONNECTED")
                    .containsEntry("server", UUID)
                    .containsEntry("started", true)
                    .containsEntry("stopping", false));
    assertThat(HealthResponses.liveness(health).getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void beforeStartUpOnlyLivenessIsUp() {
    PleziHealth health = PleziHealth.of(UUID, false, false, Redis.NOT_CONFIGURED);
    assertThat(HealthResponses.startup(health).getStatus()).isEqualTo(Status.DOWN);
    assertThat(HealthResponses.readiness(health).getStatus()).isEqualTo(Status.DOWN);
    assertThat(HealthResponses.liveness(health).getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void anUndeployingServerIsNeitherLiveNorReady() {
    PleziHealth health = PleziHealth.of(UUID, true, true, Redis.CONNECTED);
    assertThat(HealthResponses.liveness(health).getStatus()).isEqualTo(Status.DOWN);
    assertThat(HealthResponses.readiness(health).getStatus()).isEqualTo(Status.DOWN);
  }
}
