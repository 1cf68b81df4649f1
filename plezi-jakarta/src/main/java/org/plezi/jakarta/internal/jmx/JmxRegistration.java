package org.plezi.jakarta.internal.jmx;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.plezi.jakarta.PleziHealth;
import org.plezi.jakarta.PleziMetrics;

/**
 * The MXBeans of one deployment, under
 *
 * <pre>
 * org.plezi.jakarta:type=Deployment,context="/chat",server=&lt;uuid&gt;
 * org.plezi.jakarta:type=Route,context="/chat",server=&lt;uuid&gt;,route="/room/{name}"
 * </pre>
 *
 * The context path is {@code "/"} for the root application; the server uuid keeps two deployments
 * of one context path in one JVM (two virtual hosts, tests) apart. A name that cannot be registered
 * (taken, or refused by the server) is logged once and skipped: JMX never fails a deployment.
 * {@link #close} removes every name registered; it is idempotent.
 */
public final class JmxRegistration implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  /** The JMX domain of every Plezi MBean. */
  public static final String DOMAIN = "org.plezi.jakarta";

  /** Snapshots read by the beans are at most this old. */
  static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final MBeanServer server;

  /** Names registered and not yet removed; guarded by this. */
  private final List<ObjectName> registered = new ArrayList<>();

  private JmxRegistration(MBeanServer server) {
    this.server = server;
  }

  /**
   * Registers the deployment's bean and one per route.
   *
   * @param contextPath the servlet context path ("" for the root application)
   * @param routes the route templates
   */
  public static JmxRegistration register(
      MBeanServer server,
      String contextPath,
      String serverUuid,
      Collection<String> routes,
      Supplier<PleziMetrics> metrics,
      Supplier<PleziHealth> health) {
    JmxRegistration registration = new JmxRegistration(server);
    Memo<PleziMetrics> memo = new Memo<>(metrics, MAX_AGE_NANOS, System::nanoTime);
    String context = contextPath.isEmpty() ? "/" : contextPath;
    registration.add(
        deploymentName(context, serverUuid), new DeploymentBean(context, memo, health));
    for (String route : routes) {
      registration.add(routeName(context, serverUuid, route), new RouteBean(route, memo));
    }
    return registration;
  }

  /** The deployment bean's name. */
  public static ObjectName deploymentName(String context, String serverUuid) {
    return name(
        "type=Deployment,context="
            + ObjectName.quote(context)
            + ",server="
            + ObjectName.quote(serverUuid));
  }

  /** A route bean's name. */
  public static ObjectName routeName(String context, String serverUuid, String route) {
    return name(
        "type=Route,context="
            + ObjectName.quote(context)
            + ",server="
            + ObjectName.quote(serverUuid)
            + ",route="
            + ObjectName.quote(route));
  }

  private static ObjectName name(String properties) {
    try {
      return new ObjectName(DOMAIN + ":" + properties);
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException(e.getMessage(), e); // quoted values are always valid
    }
  }

  private synchronized void add(ObjectName name, Object bean) {
    try {
      server.registerMBean(bean, name);
      registered.add(name);
    } catch (JMException | RuntimeException e) {
      LOG.log(Level.WARNING, "Plezi: JMX bean " + name + " not registered: " + e);
    }
  }

  /** The names registered now. */
  public synchronized List<ObjectName> names() {
    return List.copyOf(registered);
  }

  @Override
  public synchronized void close() {
    for (ObjectName name : registered) {
      try {
        server.unregisterMBean(name);
      } catch (JMException | RuntimeException e) {
        LOG.log(Level.DEBUG, () -> "Plezi: JMX bean " + name + " already gone: " + e);
      }
    }
    registered.clear();
  }
}
