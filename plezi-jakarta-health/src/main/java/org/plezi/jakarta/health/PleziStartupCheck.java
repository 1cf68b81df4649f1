package org.plezi.jakarta.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;
import org.plezi.jakarta.Plezi;

/**
 * The {@value HealthResponses#NAME} startup check of the web application it is deployed in: UP once
 * the deployment's start-up is over. Data: the server uuid, started, stopping and the Redis link
 * state.
 */
@Startup
@ApplicationScoped
public class PleziStartupCheck implements HealthCheck {
  /** The deployment's context, injected; checks prefer the one kept at start-up. */
  @Inject ServletContext context;

  /** The context given to the constructor without CDI; null under CDI. */
  private final ServletContext given;

  /** For CDI. */
  public PleziStartupCheck() {
    this.given = null;
  }

  /** A check of the deployment {@code context} belongs to, made without CDI. */
  public PleziStartupCheck(ServletContext context) {
    this.context = context;
    this.given = context;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthResponses.startup(
        Plezi.health(given != null ? given : DeploymentContexts.of(getClass(), context)));
  }
}
