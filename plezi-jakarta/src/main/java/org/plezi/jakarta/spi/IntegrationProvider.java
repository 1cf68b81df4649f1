package org.plezi.jakarta.spi;

import jakarta.servlet.ServletContext;
import java.util.function.Supplier;
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
   * @param settings overrides applied over every other source, all of them, Redis included;
   *     {@link PleziSettings#empty()} for none
   * @param redisClient supplies the application's own {@code org.redisson.api.RedissonClient}
   *     for the cluster bus (then {@code plezi.redis.url} and {@code plezi.redis.config} are not
   *     used, and Plezi never shuts the client down); null for none. Typed loosely so that this
   *     interface loads without Redisson, which is optional. Asked on Plezi's Redis thread, again
   *     after each failure until it answers.
   */
  record Integration(String name, ControllerFactory controllers, PleziSettings settings,
      Supplier<?> redisClient) {
    /** An integration that brings no Redis client. */
    public Integration(String name, ControllerFactory controllers, PleziSettings settings) {
      this(name, controllers, settings, null);
    }
  }
}
