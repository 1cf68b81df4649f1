package org.plezi.jakarta.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.inject.Singleton;
import java.lang.annotation.Annotation;
import java.util.List;
import org.plezi.jakarta.InvalidControllerException;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.cdi.internal.CdiMessenger;
import org.plezi.jakarta.cdi.internal.ControllerCatalog;

/**
 * The portable extension that makes {@link Route} controllers CDI beans. Containers load it by
 * themselves ({@code META-INF/services}); it is public for those that take extensions by hand, such
 * as Weld SE: {@code new Weld().addExtension(new PleziExtension())}.
 *
 * <ul>
 *   <li>Every {@code @Route} class CDI discovers is checked with the same rules as without CDI;
 *       each rule broken is a definition error that names {@code Class#method} (or the class) and
 *       the rule, so the deployment fails.
 *   <li>A controller bean must be {@code @Dependent}: each connection (and each plain HTTP request)
 *       gets its own instance, destroyed when the connection closes or the request ends. Any other
 *       scope is a definition error.
 *   <li>Interceptor bindings go on the controller's methods: on the class they would also bind
 *       {@link org.plezi.jakarta.Controller}'s final methods, which CDI forbids.
 * </ul>
 */
public final class PleziExtension implements Extension {
  /** What this deployment's controllers are; published to the runtime as a bean. */
  private final ControllerCatalog catalog = new ControllerCatalog();

  /** Creates the extension; the container does, once per application. */
  public PleziExtension() {}

  <T> void discover(
      @Observes @WithAnnotations(Route.class) ProcessAnnotatedType<T> event, BeanManager manager) {
    AnnotatedType<T> type = event.getAnnotatedType();
    catalog.discovered(type.getJavaClass());
    // CDI forbids class-level bindings on a class with final methods, which Controller has; the
    // container's own message names a final method of Controller, this one says what to do.
    for (Annotation annotation : type.getAnnotations()) {
      if (isInterceptorBinding(annotation.annotationType(), manager)) {
        catalog.problem(
            type.getJavaClass().getName()
                + ": @"
                + annotation.annotationType().getSimpleName()
                + " binds interceptors to the whole "
                + "controller class, whose inherited methods are final; put it on the methods to "
                + "intercept");
      }
    }
  }

  private static boolean isInterceptorBinding(
      Class<? extends Annotation> type, BeanManager manager) {
    if (manager.isInterceptorBinding(type)) {
      return true;
    }
    return manager.isStereotype(type)
        && manager.getStereotypeDefinition(type).stream()
            .anyMatch(meta -> isInterceptorBinding(meta.annotationType(), manager));
  }

  <T> void bean(@Observes ProcessManagedBean<T> event) {
    catalog.managedBean(event.getBean());
  }

  void validate(@Observes AfterBeanDiscovery event) {
    for (String problem : catalog.problems()) {
      event.addDefinitionError(new InvalidControllerException(List.of(problem)));
    }
    event
        .addBean()
        .beanClass(PleziExtension.class)
        .types(ControllerCatalog.class, Object.class)
        .scope(Singleton.class)
        .createWith(context -> catalog);
    // The application's Messenger, for EJBs, servlets, JAX-RS resources and observers.
    event
        .addBean()
        .beanClass(PleziExtension.class)
        .types(Messenger.class, Object.class)
        .scope(ApplicationScoped.class)
        .createWith(context -> new CdiMessenger(catalog));
  }
}
