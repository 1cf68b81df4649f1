package org.plezi.jakarta.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.plezi.jakarta.Plezi;

/**
 * The {@value HealthResponses#NAME} liveness check of the web application it is deployed in: UP
 * while the deployment is live: installed, its undeploy not begun. Data: the server uuid, started,
 * stopping and the Redis link state.
 */
@Liveness
@ApplicationScoped
public class PleziLivenessCheck implements HealthCheck {
  @Inject ServletContext context;

  /** For CDI. */
  public PleziLivenessCheck() {}

  /** A check of the deployment {@code context} belongs to, made without CDI. */
  public PleziLivenessCheck(ServletContext context) {
    this.context = context;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthResponses.liveness(Plezi.health(context));
  }
}
