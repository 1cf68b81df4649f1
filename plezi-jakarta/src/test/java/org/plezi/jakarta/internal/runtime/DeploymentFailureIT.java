package org.plezi.jakarta.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.TestServer;

/** A broken controller or setting keeps the application from starting on a real container. */
class DeploymentFailureIT {
  @Route("/broken")
  public static class Broken extends Controller {
    protected void onMessage(Object wrong) {}
  }

  @Route("/fine")
  public static class Fine extends Controller {
    @Override
    protected void onMessage(String text) {}
  }

  @Test
  void aBrokenControllerFailsTheDeployment() {
    try (TestServer server = TestServer.boot(Map.of(), Fine.class, Broken.class)) {
      assertThat(server.started()).isFalse();
    }
  }

  @Test
  void anInvalidSettingFailsTheDeployment() {
    try (TestServer server =
        TestServer.boot(Map.of("plezi.outbound.maxBytes", "tiny"), Fine.class)) {
      assertThat(server.started()).isFalse();
    }
  }

  @Test
  void aValidDeploymentStarts() {
    try (TestServer server = TestServer.boot(Map.of(), Fine.class)) {
      assertThat(server.started()).isTrue();
    }
  }
}
