package org.plezi.jakarta.internal.runtime;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.plezi.jakarta.InvalidControllerException;
import org.plezi.jakarta.internal.base.Settings;
import org.plezi.jakarta.internal.model.ControllerModel;
import org.plezi.jakarta.internal.model.RouteTable;
import org.plezi.jakarta.spi.Deployment;
import org.plezi.jakarta.spi.Integration;
import org.plezi.jakarta.spi.IntegrationProvider;

/**
 * Finishes a runtime's start-up once the application's other frameworks are up: registers the
 * websocket relay ({@link WebsocketHandOff}), asks each {@link IntegrationProvider} on the
 * application's class path, and hands the first that applies (its controller factory, settings and
 * Redis client) to the runtime, which then chooses its bus; with no integration, the runtime
 * chooses it from the other settings. Runs as a context listener because the websocket and CDI
 * containers may start after Plezi's {@code ServletContainerInitializer} (their order is not
 * defined), but always before this listener, and no request is served before it returns. An
 * exception here fails the deployment.
 */
final class IntegrationListener implements ServletContextListener {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  private final PleziRuntime runtime;

  IntegrationListener(PleziRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    try {
      // Here, not in the initializer: the websocket container may be set up after Plezi's.
      runtime.handOff().register(context);
    } catch (DeploymentException e) {
      throw new IllegalStateException("Plezi could not register its websocket endpoint", e);
    }
    Integration integration = find(new RuntimeDeployment(runtime, context));
    if (integration == null) {
      requireNoArgumentConstructors(runtime.routes());
      runtime.integrate(null, runtime.settings(), null, context);
      return;
    }
    String source = integration.name() + " settings";
    Settings settings = runtime.settings().withOverrides(integration.settings().values(), source);
    runtime.integrate(integration.controllers(), settings, integration.redisClient(), context);
    LOG.log(
        Level.INFO,
        "Plezi controllers of "
            + (context.getContextPath().isEmpty() ? "/" : context.getContextPath())
            + " are created by "
            + integration.name());
  }

  /** The first integration that applies, or null. */
  private static Integration find(Deployment deployment) {
    ClassLoader application = deployment.servletContext().getClassLoader();
    try {
      for (IntegrationProvider provider :
          ServiceLoader.load(IntegrationProvider.class, application)) {
        Integration integration = provider.integrate(deployment);
        if (integration != null) {
          return integration;
        }
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      // An integration jar without the API it builds on (the CDI module without a CDI API).
      LOG.log(Level.INFO, "Plezi integration skipped, controllers are created by reflection: " + e);
    }
    return null;
  }

  /** Without an integration, a controller whose only constructor is {@code @Inject} cannot run. */
  private static void requireNoArgumentConstructors(RouteTable routes) {
    List<String> problems = new ArrayList<>();
    for (ControllerModel model : routes.routes()) {
      if (!model.hasNoArgumentConstructor()) {
        problems.add(
            model.type().getName()
                + "#<init>(): an @Inject constructor needs CDI "
                + "(plezi-jakarta-cdi and a CDI container for this application), or add a "
                + "no-argument constructor");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidControllerException(problems);
    }
  }
}
