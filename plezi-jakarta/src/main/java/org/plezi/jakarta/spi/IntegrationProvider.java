package org.plezi.jakarta.spi;

/**
 * A module that changes how Plezi runs in an application, such as the CDI module ({@code
 * plezi-jakarta-cdi}): found with {@link java.util.ServiceLoader} in the application's class loader
 * (list the implementation in {@code META-INF/services/org.plezi.jakarta.spi.IntegrationProvider})
 * and asked once per application, when start-up is over: every {@code ServletContainerInitializer}
 * and every listener declared before Plezi's has run, so a CDI container of the application is up
 * by then, and no request has been served yet. The first provider that returns an {@link
 * Integration} is used; the others are not asked.
 *
 * <p>Implementations need a public no-argument constructor. {@link #integrate} runs on the
 * container's start-up thread.
 */
public interface IntegrationProvider {
  /**
   * What this module brings to one application.
   *
   * @param deployment the application's routes and controllers, as registered; its messenger works
   *     once this method has returned and start-up is over
   * @return null when it does not apply (for example: no CDI container runs for this application)
   * @throws RuntimeException to fail the deployment; the message names the problem
   */
  Integration integrate(Deployment deployment);
}
