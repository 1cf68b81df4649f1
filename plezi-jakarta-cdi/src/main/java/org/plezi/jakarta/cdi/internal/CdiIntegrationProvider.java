package org.plezi.jakarta.cdi.internal;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Supplier;
import org.plezi.jakarta.PleziSettings;
import org.plezi.jakarta.spi.Deployment;
import org.plezi.jakarta.spi.Integration;
import org.plezi.jakarta.spi.IntegrationProvider;

/**
 * Plugs CDI into an application's Plezi runtime when a CDI container runs for it: controllers are
 * made by {@link CdiControllerFactory}; a {@link PleziSettings} bean, if the application has one,
 * overrides the other settings (Redis ones included); a {@code RedissonClient} bean, if the
 * application has Redisson and one, carries the cluster bus. Found by the core with {@link
 * java.util.ServiceLoader}.
 */
public final class CdiIntegrationProvider implements IntegrationProvider {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta.cdi");

  /**
   * Where servlet integrations publish the application's bean manager: the plain name, then Weld
   * Servlet's own. Read before {@link CDI#current()}, which may pick another application's
   * container when several run in one JVM.
   */
  private static final List<String> BEAN_MANAGER_ATTRIBUTES =
      List.of(
          BeanManager.class.getName(),
          "org.jboss.weld.environment.servlet." + BeanManager.class.getName());

  /** Redisson's client type, looked up by name: Redisson is optional. */
  private static final String REDISSON_CLIENT = "org.redisson.api.RedissonClient";

  @Override
  public Integration integrate(Deployment deployment) {
    ServletContext context = deployment.servletContext();
    BeanManager manager = beanManager(context);
    if (manager == null) {
      LOG.log(
          Level.INFO,
          "plezi-jakarta-cdi found no CDI container for "
              + (context.getContextPath().isEmpty() ? "/" : context.getContextPath())
              + ": controllers are created by reflection, without injection");
      return null;
    }
    Instance<Object> beans = manager.createInstance();
    Instance<ControllerCatalog> catalog = beans.select(ControllerCatalog.class);
    CdiControllerFactory factory =
        new CdiControllerFactory(manager, catalog.isResolvable() ? catalog.get() : null);
    factory.prepare(deployment.controllers());
    if (catalog.isResolvable()) {
      catalog.get().started(deployment.messenger());
    }
    return new Integration(
        "CDI", factory, settings(beans), redisClient(beans, context.getClassLoader()));
  }

  /** The application's bean manager: the servlet context's, else the current container's. */
  static BeanManager beanManager(ServletContext context) {
    for (String attribute : BEAN_MANAGER_ATTRIBUTES) {
      if (context.getAttribute(attribute) instanceof BeanManager manager) {
        return manager;
      }
    }
    try {
      return CDI.current().getBeanManager();
    } catch (RuntimeException e) {
      return null; // no CDI provider, or no container running
    }
  }

  /** The application's {@link PleziSettings} bean, or none. */
  private static PleziSettings settings(Instance<Object> beans) {
    Instance<PleziSettings> produced = beans.select(PleziSettings.class);
    if (produced.isUnsatisfied()) {
      return PleziSettings.empty();
    }
    if (produced.isAmbiguous()) {
      throw new IllegalStateException(
          "Invalid Plezi settings: more than one CDI bean of type "
              + PleziSettings.class.getName()
              + "; keep one producer");
    }
    Instance.Handle<PleziSettings> handle = produced.getHandle();
    PleziSettings settings = handle.get();
    if (handle.getBean().getScope() == Dependent.class) {
      handle.destroy(); // read once: nothing keeps it
    }
    return settings == null ? PleziSettings.empty() : settings;
  }

  /**
   * The application's {@code RedissonClient} bean, as a supplier that the Redis bus asks on its own
   * thread (a producer that throws, Redis being down, is asked again later), or null when Redisson
   * is not visible to the application or it has no such bean.
   */
  private static Supplier<?> redisClient(Instance<Object> beans, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(REDISSON_CLIENT, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    Instance<?> produced = beans.select(type);
    if (produced.isUnsatisfied()) {
      return null;
    }
    if (produced.isAmbiguous()) {
      throw new IllegalStateException(
          "Invalid Plezi settings: more than one CDI bean of type "
              + REDISSON_CLIENT
              + "; keep one with the @Default qualifier for Plezi's cluster bus");
    }
    LOG.log(Level.INFO, "Plezi's cluster bus uses the application's " + REDISSON_CLIENT + " bean");
    return produced::get;
  }
}
