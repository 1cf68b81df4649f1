package org.plezi.jakarta.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.Ports;
import org.plezi.jakarta.testing.TestServer;

/** The three checks answer from a real deployment on embedded Tomcat. */
@Timeout(60)
class PleziChecksTest {
  @Route("/h")
  public static class Anything extends Controller {}

  @Test
  void aStartedSingleServerDeploymentIsLiveReadyAndStarted() {
    try (TestServer server = TestServer.start(Anything.class)) {
      HealthCheckResponse ready = new PleziReadinessCheck(server.servletContext()).call();
      assertThat(ready.getName()).isEqualTo("plezi");
      assertThat(ready.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
      assertThat(ready.getData())
          .hasValueSatisfying(data -> assertThat(data).containsEntry("redis", "NOT_CONFIGURED"));
      assertThat(new PleziLivenessCheck(server.servletContext()).call().getStatus())
          .isEqualTo(HealthCheckResponse.Status.UP);
      assertThat(new PleziStartupCheck(server.servletContext()).call().getStatus())
          .isEqualTo(HealthCheckResponse.Status.UP);
    }
  }

  @Test
  void aDeploymentWhoseRedisIsNotThereYetIsLiveAndStartedButNotReady() {
    // Nothing listens on that port: the bus keeps retrying in the background.
    String nowhere = "redis://127.0.0.1:" + Ports.free();
    try (TestServer server = TestServer.start(Map.of("plezi.redis.url", nowhere), Anything.class)) {
      HealthCheckResponse ready = new PleziReadinessCheck(server.servletContext()).call();
      assertThat(ready.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
      assertThat(ready.getData())
          .hasValueSatisfying(data -> assertThat(data).containsEntry("redis", "CONNECTING"));
      assertThat(new PleziLivenessCheck(server.servletContext()).call().getStatus())
          .isEqualTo(HealthCheckResponse.Status.UP);
      assertThat(new PleziStartupCheck(server.servletContext()).call().getStatus())
          .isEqualTo(HealthCheckResponse.Status.UP);
    }
  }
}
