package org.plezi.jakarta.internal.runtime;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import java.util.List;
import java.util.Set;
import org.plezi.jakarta.InvalidControllerException;
import org.plezi.jakarta.Route;

/**
 * Finds {@link Route} classes when the library jar sits in {@code WEB-INF/lib} and installs the
 * runtime; a problem with a controller or a setting fails the deployment.
 */
@HandlesTypes(Route.class)
public final class PleziInitializer implements ServletContainerInitializer {
  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
    try {
      PleziRuntime runtime = PleziRuntime.install(context);
      if (classes != null && !classes.isEmpty()) {
        // @HandlesTypes also reports classes with the annotation on a member; keep class-level
        // ones.
        List<Class<?>> routed =
            classes.stream().filter(c -> c.isAnnotationPresent(Route.class)).toList();
        runtime.register(routed);
      }
    } catch (InvalidControllerException | IllegalArgumentException e) {
      throw new ServletException(e.getMessage(), e);
    }
  }
}
