package org.plezi.jakarta.internal.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.InvalidControllerException;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.internal.bus.Message;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;
import org.plezi.jakarta.internal.event.EventTable;
import org.plezi.jakarta.internal.event.TextDispatcher;
import org.plezi.jakarta.internal.json.JsonSetup;

/**
 * What the runtime knows of one controller class, checked once at start-up: its route, how to
 * construct it, which kinds of frame it handles, its events and, for {@link AutoDispatch}
 * controllers, the dispatcher its text frames go to. Immutable.
 */
public final class ControllerModel {
  /** The callbacks of {@link Controller}, by name, with the signatures an override may have. */
  private static final Map<String, List<Method>> CALLBACKS =
      Arrays.stream(Controller.class.getDeclaredMethods())
          .filter(m -> Modifier.isProtected(m.getModifiers()) && !Modifier.isFinal(m.getModifiers()))
          .collect(Collectors.groupingBy(Method::getName));

  private final Class<? extends Controller> type;
  private final RouteTemplate route;
  private final Constructor<? extends Controller> constructor;
  private final boolean handlesText;
  private final boolean handlesBinary;
  private final EventTable events;

  /** The static failed-unicast callback, or null. */
  private final Method failedUnicast;

  /** Where text frames go instead of onMessage(String); null unless @AutoDispatch. */
  private final TextDispatcher textDispatcher;

  private ControllerModel(
      Class<? extends Controller> type,
      RouteTemplate route,
      Constructor<? extends Controller> constructor,
      boolean handlesText,
      boolean handlesBinary,
      EventTable events,
      Method failedUnicast,
      TextDispatcher textDispatcher) {
    this.type = type;
    this.route = route;
    this.constructor = constructor;
    this.handlesText = handlesText;
    this.handlesBinary = handlesBinary;
    this.events = events;
    this.failedUnicast = failedUnicast;
    this.textDispatcher = textDispatcher;
  }

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
    boolean onText = overrides(type, "onMessage", String.class);
    if (autoDispatch && onText) {
      problems.add(name + "#onMessage(String): an @AutoDispatch controller receives text frames "
          + "as events; remove this override or the annotation");
    }
    if (problems.size() != before) {
      return null;
    }
    TextDispatcher dispatcher =
        autoDispatch ? JsonSetup.dispatcher(type, events, problems) : null;
    if (problems.size() != before) {
      return null;
    }
    return new ControllerModel(
        type,
        template,
        constructor,
        onText || autoDispatch,
        overrides(type, "onMessage", byte[].class),
        events,
        failedUnicast,
        dispatcher);
  }

  /** Whether {@code name} is one of {@link Controller}'s overridable callbacks. */
  public static boolean isCallbackName(String name) {
    return CALLBACKS.containsKey(name);
  }

  private static void checkClusterName(Class<?> type, List<String> problems) {
    org.plezi.jakarta.ClusterName name = type.getAnnotation(org.plezi.jakarta.ClusterName.class);
    if (name != null && (name.value().isBlank() || name.value().length() > 1024
        || name.value().equals(Message.ALL))) {
      problems.add(type.getName() + ": @ClusterName must be 1 to 1024 characters and not '"
          + Message.ALL + "'");
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
        return null; // CDI calls it; without CDI, start-up fails (IntegrationListener)
      }
      problems.add(type.getName() + "#<init>(): a controller needs a no-argument constructor"
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
        List<Method> allowed = CALLBACKS.get(method.getName());
        if (allowed == null || method.isSynthetic() || method.isBridge()) {
          continue;
        }
        boolean matches =
            !Modifier.isStatic(method.getModifiers())
                && allowed.stream()
                    .anyMatch(m -> Arrays.equals(m.getParameterTypes(), method.getParameterTypes()));
        if (!matches) {
          problems.add(describe(c, method) + ": the callback name is reserved; "
              + "declare it as an override of " + allowed.stream()
                  .map(m -> describe(Controller.class, m))
                  .collect(Collectors.joining(" or ")));
        }
      }
    }
  }

  /** Whether {@code type} or a superclass below {@link Controller} declares the method. */
  static boolean overrides(Class<?> type, String name, Class<?>... parameters) {
    for (Class<?> c = type; c != Controller.class; c = c.getSuperclass()) {
      try {
        c.getDeclaredMethod(name, parameters);
        return true;
      } catch (NoSuchMethodException e) {
        // keep looking up the hierarchy
      }
    }
    return false;
  }

  /** {@code Class#name(ParamType, ...)}, the form every deployment error uses. */
  public static String describe(Class<?> owner, Method method) {
    return owner.getName() + "#" + method.getName() + Arrays.stream(method.getParameterTypes())
        .map(Class::getSimpleName)
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /**
   * Creates a controller instance with the no-argument constructor.
   *
   * @throws InstantiationException when the class has only an {@code @Inject} constructor
   */
  public Controller instantiate() throws ReflectiveOperationException {
    if (constructor == null) {
      throw new InstantiationException(type.getName() + " has only an @Inject constructor");
    }
    return constructor.newInstance();
  }

  /** False when the class has only an {@code @Inject} constructor, which only CDI can call. */
  public boolean hasNoArgumentConstructor() {
    return constructor != null;
  }

  public Class<? extends Controller> type() {
    return type;
  }

  public RouteTemplate route() {
    return route;
  }

  /** Whether text frames have a handler. */
  public boolean handlesText() {
    return handlesText;
  }

  /** Whether binary frames have a handler. */
  public boolean handlesBinary() {
    return handlesBinary;
  }

  /** The class's events, the only methods reachable from the wire. */
  public EventTable events() {
    return events;
  }

  /** The static failed-unicast callback of the class (or an ancestor), or null. */
  public Method failedUnicast() {
    return failedUnicast;
  }

  /** Whether an event method's return value is written to the client (auto-dispatch). */
  public boolean writesEventResults() {
    return autoDispatch();
  }

  /** The name other servers (and other languages) address this class's broadcasts with. */
  public String clusterName() {
    return ConnectionRegistry.clusterName(type);
  }

  /** Whether text frames are JSON events ({@link AutoDispatch}). */
  public boolean autoDispatch() {
    return textDispatcher != null;
  }

  /** Where text frames go instead of onMessage(String); null unless {@link #autoDispatch()}. */
  TextDispatcher textDispatcher() {
    return textDispatcher;
  }

  /** A controller that handles no frames refuses websocket upgrades. */
  public boolean acceptsWebsocket() {
    return handlesText || handlesBinary;
  }

  @Override
  public String toString() {
    return type.getName() + " at " + route;
  }
}
