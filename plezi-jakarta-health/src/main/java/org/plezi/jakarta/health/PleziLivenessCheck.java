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
  /** The deployment's context, injected; checks prefer the one kept at start-up. */
  @Inject ServletContext context;

  /** The context given to the constructor without CDI; null under CDI. */
  private final ServletContext given;

  /** For CDI. */
  public PleziLivenessCheck() {
    this.given = null;
  }

  /** A check of the deployment {@code context} belongs to, made without CDI. */
  public PleziLivenessCheck(ServletContext context) {
    this.context = context;
    this.given = context;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthResponses.liveness(
        Plezi.health(given != null ? given : DeploymentContexts.of(getClass(), context)));
  }
}
