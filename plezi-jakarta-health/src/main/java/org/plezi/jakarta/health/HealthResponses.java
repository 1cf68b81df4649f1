package org.plezi.jakarta.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.plezi.jakarta.PleziHealth;

/**
 * A deployment's health as MicroProfile Health responses, named {@value #NAME}, with the state
 * behind the answer as data. Built with the response's public constructor, so no provider of the
 * MicroProfile builder is needed.
 */
final class HealthResponses {
  /** The name of every check of this module. */
  static final String NAME = "plezi";

  private HealthResponses() {}

  /** UP while the deployment is live (installed, its undeploy not begun). */
  static HealthCheckResponse liveness(PleziHealth health) {
    return response(health.live(), health);
  }

  /** UP while ready: started, not stopping, Redis joined or not configured. */
  static HealthCheckResponse readiness(PleziHealth health) {
    return response(health.ready(), health);
  }

  /** UP once start-up is over. */
  static HealthCheckResponse startup(PleziHealth health) {
    return response(health.started(), health);
  }

  private static HealthCheckResponse response(boolean up, PleziHealth health) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("server", health.serverUuid());
    data.put("started", health.started());
    data.put("stopping", health.stopping());
    data.put("redis", health.redis().name());
    return new HealthCheckResponse(
        NAME,
        up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        Optional.of(data));
  }
}
