package org.plezi.jakarta.internal;

import jakarta.servlet.ServletContext;
import org.plezi.jakarta.PleziSettings;

/**
 * A module that changes how Plezi runs in an application, such as the CDI module: found with
 * {@link java.util.ServiceLoader} in the application's class loader and asked once per
 * application, when start-up is over (every {@code ServletContainerInitializer} and every listener
 * declared before Plezi's has run, so a CDI container of the application is up by then).
 */
public interface IntegrationProvider {
  /**
   * What this module brings to one application.
   *
   * @return null when it does not apply (for example: no CDI container runs for this application)
   * @throws RuntimeException to fail the deployment, naming the problem
   */
  Integration integrate(ServletContext context);

  /**
   * What an integration brings.
   *
   * @param name how the integration is named in the log
   * @param controllers makes the controllers of every route
   * @param settings overrides applied over every other source; {@link PleziSettings#empty()} for
   *     none
   */
  record Integration(String name, ControllerFactory controllers, PleziSettings settings) {}
}
