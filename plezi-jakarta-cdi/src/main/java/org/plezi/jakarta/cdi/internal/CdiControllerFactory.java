package org.plezi.jakarta.cdi.internal;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionTarget;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.InvalidControllerException;
import org.plezi.jakarta.spi.ControllerFactory;

/**
 * Makes controllers through CDI. A controller CDI discovered is its {@code @Dependent} bean: a new
 * instance per connection or request, with injection, {@code @PostConstruct}, interceptors, and
 * {@code @PreDestroy} on release. A controller CDI did not discover (an {@code annotated}-mode
 * archive and no bean-defining annotation on the class, or a class outside any bean archive) is a
 * non-contextual instance of the same class: injection, {@code @PostConstruct} and
 * {@code @PreDestroy} work the same; it is not a bean (nothing else can inject it; whether
 * interceptors apply is up to the container: Weld applies them). Thread-safe.
 */
public final class CdiControllerFactory implements ControllerFactory {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta.cdi");

  private final BeanManager manager;

  /** What the extension found; null when the extension did not run for this container. */
  private final ControllerCatalog catalog;

  /** How to make each controller class, prepared once per class. */
  private final Map<Class<?>, Maker> makers = new ConcurrentHashMap<>();

  /** How to destroy each live controller, by identity (controllers may override equals). */
  private final Map<Identity, Runnable> live = new ConcurrentHashMap<>();

  public CdiControllerFactory(BeanManager manager, ControllerCatalog catalog) {
    this.manager = manager;
    this.catalog = catalog;
  }

  /**
   * Prepares every route's controller now, so that an unsatisfied injection point fails the
   * deployment instead of the first connection.
   *
   * @throws InvalidControllerException naming each controller CDI cannot make
   */
  public void prepare(Collection<Class<? extends Controller>> controllers) {
    List<String> problems = new ArrayList<>();
    for (Class<? extends Controller> type : controllers) {
      try {
        maker(type);
      } catch (RuntimeException e) {
        problems.add(type.getName() + ": CDI cannot create it: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidControllerException(problems);
    }
  }

  @Override
  public Controller create(Class<? extends Controller> type) {
    Made made = maker(type).make();
    live.put(new Identity(made.controller()), made.destroy());
    return made.controller();
  }

  @Override
  public void release(Controller controller) {
    Runnable destroy = live.remove(new Identity(controller));
    if (destroy == null) {
      return;
    }
    try {
      destroy.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, controller.getClass().getName() + ": destroying it failed", e);
    }
  }

  /** How many controllers are alive (created and not yet released). */
  public int liveCount() {
    return live.size();
  }

  @Override
  public String toString() {
    return "CDI";
  }

  private Maker maker(Class<? extends Controller> type) {
    return makers.computeIfAbsent(type, this::prepare);
  }

  private Maker prepare(Class<?> type) {
    Bean<?> bean = catalog == null ? null : catalog.beanOf(type);
    return bean != null ? beanMaker(bean) : nonContextualMaker(type.asSubclass(Controller.class));
  }

  private <T> Maker beanMaker(Bean<T> bean) {
    return () -> {
      CreationalContext<T> context = manager.createCreationalContext(bean);
      T instance = bean.create(context);
      return new Made((Controller) instance, () -> bean.destroy(instance, context));
    };
  }

  private <T extends Controller> Maker nonContextualMaker(Class<T> type) {
    AnnotatedType<T> annotated = manager.createAnnotatedType(type);
    InjectionTarget<T> target =
        manager.getInjectionTargetFactory(annotated).createInjectionTarget(null);
    return () -> {
      CreationalContext<T> context = manager.createCreationalContext(null);
      T instance = target.produce(context);
      target.inject(instance, context);
      target.postConstruct(instance);
      return new Made(
          instance,
          () -> {
            try {
              target.preDestroy(instance);
              target.dispose(instance);
            } finally {
              context.release();
            }
          });
    };
  }

  /** Makes one controller of a class. */
  @FunctionalInterface
  private interface Maker {
    Made make();
  }

  /** A controller and how to destroy it with everything it depends on. */
  private record Made(Controller controller, Runnable destroy) {}

  /** A map key that compares controllers by identity. */
  private record Identity(Controller controller) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Identity that && that.controller == controller;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(controller);
    }
  }
}
