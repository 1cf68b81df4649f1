package org.plezi.jakarta.cdi.internal;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import org.plezi.jakarta.PleziSettings;
import org.plezi.jakarta.internal.IntegrationProvider;
import org.plezi.jakarta.internal.PleziRuntime;

/**
 * Plugs CDI into an application's Plezi runtime when a CDI container runs for it: controllers are
 * made by {@link CdiControllerFactory}, and a {@link PleziSettings} bean, if the application has
 * one, overrides the other settings. Found by the core with {@link java.util.ServiceLoader}.
 */
public final class CdiIntegrationProvider implements IntegrationProvider {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta.cdi");

  /** The attribute where Weld Servlet (and others) publish the application's bean manager. */
  private static final String BEAN_MANAGER_ATTRIBUTE = BeanManager.class.getName();

  @Override
  public Integration integrate(ServletContext context) {
    BeanManager manager = beanManager(context);
    if (manager == null) {
      LOG.log(Level.INFO, "plezi-jakarta-cdi found no CDI container for "
          + (context.getContextPath().isEmpty() ? "/" : context.getContextPath())
          + ": controllers are created by reflection, without injection");
      return null;
    }
    Instance<Object> beans = manager.createInstance();
    Instance<ControllerCatalog> catalog = beans.select(ControllerCatalog.class);
    CdiControllerFactory factory =
        new CdiControllerFactory(manager, catalog.isResolvable() ? catalog.get() : null);
    if (context.getAttribute(PleziRuntime.ATTRIBUTE) instanceof PleziRuntime runtime) {
      factory.prepare(runtime.routes().routes());
      if (catalog.isResolvable()) {
        catalog.get().started(runtime.messaging());
      }
    }
    return new Integration("CDI", factory, settings(beans));
  }

  /** The application's bean manager: the servlet context's, else the current container's. */
  static BeanManager beanManager(ServletContext context) {
    if (context.getAttribute(BEAN_MANAGER_ATTRIBUTE) instanceof BeanManager manager) {
      return manager;
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
      throw new IllegalStateException("Invalid Plezi settings: more than one CDI bean of type "
          + PleziSettings.class.getName() + "; keep one producer");
    }
    Instance.Handle<PleziSettings> handle = produced.getHandle();
    PleziSettings settings = handle.get();
    if (handle.getBean().getScope() == Dependent.class) {
      handle.destroy(); // read once: nothing keeps it
    }
    return settings == null ? PleziSettings.empty() : settings;
  }
}
