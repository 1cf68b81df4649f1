package org.plezi.jakarta.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.plezi.jakarta.Plezi;

/**
 * The {@value HealthResponses#NAME} readiness check of the web application it is deployed in: UP
 * while the deployment is ready: started, not stopping, and Redis joined when configured. Data: the
 * server uuid, started, stopping and the Redis link state.
 */
@Readiness
@ApplicationScoped
public class PleziReadinessCheck implements HealthCheck {
  /** The deployment's context, injected; checks prefer the one kept at start-up. */
  @Inject ServletContext context;

  /** The context given to the constructor without CDI; null under CDI. */
  private final ServletContext given;

  /** For CDI. */
  public PleziReadinessCheck() {
    this.given = null;
  }

  /** A check of the deployment {@code context} belongs to, made without CDI. */
  public PleziReadinessCheck(ServletContext context) {
    this.context = context;
    this.given = context;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthResponses.readiness(
        Plezi.health(given != null ? given : DeploymentContexts.of(getClass(), context)));
  }
}
