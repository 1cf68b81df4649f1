package org.plezi.jakarta.internal.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.ClusterName;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.InvalidControllerException;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.internal.event.ControllerMethods;
import org.plezi.jakarta.internal.event.EventTable;
import org.plezi.jakarta.internal.event.TextDispatcher;
import org.plezi.jakarta.internal.json.JsonSetup;
import org.plezi.jakarta.internal.wire.Envelope;

/**
 * The rules a controller class must follow, checked once at start-up (by the runtime for the routes
 * it registers, by an integration for the classes it discovers): every rule a class breaks is
 * reported at once, each as {@code Class#method(Params): rule; remedy}. A class that follows them
 * becomes a {@link ControllerModel}.
 */
public final class ControllerChecks {
  private ControllerChecks() {}

  /**
   * Checks classes annotated with {@link Route} and builds their models.
   *
   * @throws InvalidControllerException listing every problem of every class
   */
  public static List<ControllerModel> ofAll(Iterable<Class<?>> classes) {
    List<String> problems = new ArrayList<>();
    List<ControllerModel> models = new ArrayList<>();
    for (Class<?> candidate : classes) {
      Route route = candidate.getAnnotation(Route.class);
      if (route == null) {
        problems.add(candidate.getName() + ": a controller needs a @Route annotation");
        continue;
      }
      ControllerModel model = of(candidate, route.value(), problems);
      if (model != null) {
        models.add(model);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidControllerException(problems);
    }
    return models;
  }

  /**
   * Checks one class for a path.
   *
   * @param problems receives each rule broken, naming {@code Class#method}
   * @return the model, or null when a problem was found
   */
  public static ControllerModel of(Class<?> candidate, String path, List<String> problems) {
    int before = problems.size();
    String name = candidate.getName();
    RouteTemplate template = RouteTemplate.parse(path, name, problems);
    if (!Controller.class.isAssignableFrom(candidate)) {
      problems.add(name + ": a @Route class must extend " + Controller.class.getName());
      return null;
    }
    @SuppressWarnings("unchecked")
    Class<? extends Controller> type = (Class<? extends Controller>) candidate;
    int modifiers = type.getModifiers();
    if (Modifier.isAbstract(modifiers) || type.isInterface()) {
      problems.add(name + ": a controller must be a concrete class, not abstract");
    }
    if (type.getEnclosingClass() != null && !Modifier.isStatic(modifiers)) {
      problems.add(name + ": a nested controller class must be static");
    }
    Constructor<? extends Controller> constructor = constructor(type, problems);
    checkClusterName(type, problems);
    EventTable events;
    Method failedUnicast;
    try {
      checkCallbacks(type, problems);
      events = EventTable.of(type, problems);
      failedUnicast = FailedUnicasts.find(type, problems);
    } catch (LinkageError e) {
      // A method signature names a class the application lacks, typically a JSON type.
      problems.add(name + ": a class its methods use is missing: " + e);
      return null;
    }
    boolean autoDispatch = type.isAnnotationPresent(AutoDispatch.class);
    boolean onText = ControllerMethods.overrides(type, "onMessage", String.class);
    if (autoDispatch && onText) {
      problems.add(
          name
              + "#onMessage(String): an @AutoDispatch controller receives text frames "
              + "as events; remove this override or the annotation");
    }
    if (problems.size() != before) {
      return null;
    }
    TextDispatcher dispatcher = autoDispatch ? JsonSetup.dispatcher(type, events, problems) : null;
    if (problems.size() != before) {
      return null;
    }
    return new ControllerModel(
        type,
        template,
        constructor,
        onText || autoDispatch,
        ControllerMethods.overrides(type, "onMessage", byte[].class),
        events,
        failedUnicast,
        dispatcher);
  }

  private static void checkClusterName(Class<?> type, List<String> problems) {
    ClusterName name = type.getAnnotation(ClusterName.class);
    if (name != null
        && (name.value().isBlank()
            || name.value().length() > 1024
            || name.value().equals(Envelope.TYPE_ALL))) {
      problems.add(
          type.getName()
              + ": @ClusterName must be 1 to 1024 characters and not '"
              + Envelope.TYPE_ALL
              + "'");
    }
  }

  private static Constructor<? extends Controller> constructor(
      Class<? extends Controller> type, List<String> problems) {
    try {
      Constructor<? extends Controller> constructor = type.getDeclaredConstructor();
      if (Modifier.isPrivate(constructor.getModifiers())) {
        problems.add(type.getName() + "#<init>(): the no-argument constructor must not be private");
        return null;
      }
      constructor.setAccessible(true);
      return constructor;
    } catch (NoSuchMethodException e) {
      if (hasInjectConstructor(type)) {
        return null; // CDI calls it; without CDI, start-up fails (the runtime's
        // IntegrationListener)
      }
      problems.add(
          type.getName()
              + "#<init>(): a controller needs a no-argument constructor"
              + " (or, with CDI, an @Inject constructor)");
      return null;
    } catch (RuntimeException e) {
      problems.add(type.getName() + "#<init>(): the constructor is not accessible: " + e);
      return null;
    }
  }

  /** By name: the core does not depend on {@code jakarta.inject}. */
  private static boolean hasInjectConstructor(Class<?> type) {
    return Arrays.stream(type.getDeclaredConstructors())
        .flatMap(c -> Arrays.stream(c.getAnnotations()))
        .anyMatch(a -> a.annotationType().getName().equals("jakarta.inject.Inject"));
  }

  /** Every method named like a callback must override it exactly. */
  private static void checkCallbacks(Class<?> type, List<String> problems) {
    for (Class<?> c = type; c != Controller.class; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        List<Method> allowed = ControllerMethods.callbacks(method.getName());
        if (allowed == null || method.isSynthetic() || method.isBridge()) {
          continue;
        }
        boolean matches =
            !Modifier.isStatic(method.getModifiers())
                && allowed.stream()
                    .anyMatch(
                        m -> Arrays.equals(m.getParameterTypes(), method.getParameterTypes()));
        if (!matches) {
          problems.add(
              ControllerMethods.describe(c, method)
                  + ": the callback name is reserved; "
                  + "declare it as an override of "
                  + allowed.stream()
                      .map(m -> ControllerMethods.describe(Controller.class, m))
                      .collect(Collectors.joining(" or ")));
        }
      }
    }
  }
}
