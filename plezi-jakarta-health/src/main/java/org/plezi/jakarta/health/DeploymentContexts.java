package org.plezi.jakarta.health;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each web application's own {@code ServletContext} from start-up to undeploy, for its
 * checks; the container finds it through this jar's {@code META-INF/services} (not for direct use).
 * An injected {@code ServletContext} is not enough: it needs a request context of the application,
 * which the container's health endpoint does not have, and every check failed with WELD-001303
 * without this class on Payara Micro 6.2025.10 (its MicroProfile Health servlet is another
 * application) and on WildFly 37.0.1 (health served by the management interface).
 */
public final class DeploymentContexts implements ServletContainerInitializer {
  /** Each application's context by its class loader, which loaded this jar from WEB-INF/lib. */
  private static final Map<ClassLoader, ServletContext> BY_LOADER = new ConcurrentHashMap<>();

  /** For the container. */
  public DeploymentContexts() {}

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    ClassLoader loader = context.getClassLoader();
    if (loader == null) {
      return;
    }
    BY_LOADER.put(loader, context);
    context.addListener(
        new ServletContextListener() {
          @Override
          public void contextDestroyed(ServletContextEvent event) {
            BY_LOADER.remove(loader, context);
          }
        });
  }

  /**
   * The context of the application that loaded {@code check}, or {@code fallback} when none was
   * kept (the jar is not in the application's WEB-INF/lib, or a check made without a container).
   */
  static ServletContext of(Class<?> check, ServletContext fallback) {
    ServletContext own = BY_LOADER.get(check.getClassLoader());
    return own != null ? own : fallback;
  }
}
