package org.plezi.jakarta.cdi.internal;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.Bean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.spi.ControllerRules;

/**
 * What the extension learns while CDI deploys the application: the {@code @Route} classes CDI
 * discovered, the bean CDI made of each, and every rule they break. Filled during deployment (a
 * container may fire the events on several threads), read afterwards.
 */
public final class ControllerCatalog {
  /** The discovered controllers, in the order CDI reported them. */
  private final List<Class<?>> discovered = new CopyOnWriteArrayList<>();

  /** The managed bean of each discovered controller, by bean class. */
  private final Map<Class<?>, Bean<?>> beans = new ConcurrentHashMap<>();

  /** Each rule broken, naming {@code Class#method} or the class. */
  private final List<String> problems = new CopyOnWriteArrayList<>();

  /** The application's messenger, once its Plezi runtime has started; null before. */
  private volatile org.plezi.jakarta.Messenger messenger;

  /** The application's Plezi runtime started: its messenger is what the Messenger bean uses. */
  public void started(org.plezi.jakarta.Messenger started) {
    this.messenger = started;
  }

  /**
   * The application's messenger.
   *
   * @throws IllegalStateException before the web application has started
   */
  public org.plezi.jakarta.Messenger messenger() {
    org.plezi.jakarta.Messenger current = messenger;
    if (current == null) {
      throw new IllegalStateException(
          "the Plezi Messenger is available once the web application"
              + " has started (after its ServletContextListeners ran)");
    }
    return current;
  }

  /** A class with {@code @Route} was discovered; {@link #problems()} checks it. */
  public void discovered(Class<?> type) {
    if (type.isAnnotationPresent(Route.class)) { // @WithAnnotations also reports members' use
      discovered.add(type);
    }
  }

  /** A rule the extension itself found broken. */
  public void problem(String problem) {
    problems.add(problem);
  }

  /** CDI made a managed bean; if it is a controller, it must be {@code @Dependent}. */
  public void managedBean(Bean<?> bean) {
    Class<?> type = bean.getBeanClass();
    if (!type.isAnnotationPresent(Route.class) || !Controller.class.isAssignableFrom(type)) {
      return;
    }
    if (bean.getScope() != Dependent.class) {
      problems.add(
          type.getName()
              + ": a controller must be @Dependent (one instance per "
              + "connection), not @"
              + bean.getScope().getSimpleName());
      return;
    }
    beans.put(type, bean);
  }

  /**
   * Every rule the discovered controllers break (the core's rules, two routes on one path, and what
   * the extension found); empty when they are fine.
   */
  public List<String> problems() {
    List<String> all = new ArrayList<>(ControllerRules.check(discovered));
    all.addAll(problems);
    return all;
  }

  /** The managed bean of a controller class, or null when CDI made none. */
  public Bean<?> beanOf(Class<?> type) {
    return beans.get(type);
  }
}
