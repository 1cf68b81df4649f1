package org.plezi.jakarta;

import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;
import org.plezi.jakarta.internal.hooks.RuntimeHooks;

/** Entry points for code outside controllers. */
public final class Plezi {
  private Plezi() {}

  /**
   * Registers controllers that the container's class scanning did not find, for example from a
   * {@code ServletContextListener} declared in {@code web.xml}, or in an embedded container. Each
   * class needs a {@link Route}. Only during the application's start-up.
   *
   * @throws InvalidControllerException naming every rule broken; nothing is registered then
   * @throws IllegalArgumentException if a {@code plezi.*} setting is invalid
   * @throws IllegalStateException if the application has already started
   */
  @SafeVarargs
  public static void register(ServletContext context, Class<? extends Controller>... controllers) {
    List<Class<? extends Controller>> classes = new ArrayList<>(controllers.length);
    for (Class<? extends Controller> controller : controllers) {
      classes.add(controller); // not List.of(controllers): the array must not escape (-Xlint)
    }
    RuntimeHooks.get().register(context, List.copyOf(classes));
  }

  /**
   * The deployment's messenger, for code outside controllers. It may be obtained during start-up
   * and kept, but its methods work only once the web application has started (every {@code
   * ServletContextListener} has run): before, they throw {@link IllegalStateException}, since the
   * bus is chosen last (settings from CDI may change it).
   *
   * @throws IllegalStateException if Plezi is not installed in this application
   */
  public static Messenger messenger(ServletContext context) {
    return RuntimeHooks.get().messenger(context);
  }

  /**
   * The 36-character uuid of this deployment; every connection's {@link Controller#uuid()} starts
   * with it.
   *
   * @throws IllegalStateException if Plezi is not installed in this application
   */
  public static String serverUuid(ServletContext context) {
    return RuntimeHooks.get().serverUuid(context);
  }

  /**
   * What the deployment has counted so far, with its queue gauges sampled now: an immutable
   * snapshot, for scrapes and dashboards (it visits every open connection: not per message). The
   * counts are zeros when {@code plezi.metrics.enabled=0}; README's Metrics section names each.
   *
   * @throws IllegalStateException if Plezi is not installed in this application
   */
  public static PleziMetrics metrics(ServletContext context) {
    return RuntimeHooks.get().metrics(context);
  }

  /**
   * The deployment's readiness and liveness: live until undeploy starts; ready once start-up is
   * over and, when Redis is configured, while the bus is subscribed to it. For health probes.
   *
   * @throws IllegalStateException if Plezi is not installed in this application
   */
  public static PleziHealth health(ServletContext context) {
    return RuntimeHooks.get().health(context);
  }
}
