package org.plezi.jakarta.internal.event;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.plezi.jakarta.Controller;

/**
 * What the event table and the controller checks know of a controller class's methods: the callback
 * names {@link Controller} reserves, whether a class overrides one, and how every deployment error
 * names a method.
 */
public final class ControllerMethods {
  /** The callbacks of {@link Controller}, by name, with the signatures an override may have. */
  private static final Map<String, List<Method>> CALLBACKS =
      Arrays.stream(Controller.class.getDeclaredMethods())
          .filter(
              m -> Modifier.isProtected(m.getModifiers()) && !Modifier.isFinal(m.getModifiers()))
          .collect(Collectors.groupingBy(Method::getName));

  private ControllerMethods() {}

  /** Whether {@code name} is one of {@link Controller}'s overridable callbacks. */
  public static boolean isCallbackName(String name) {
    return CALLBACKS.containsKey(name);
  }

  /** The signatures an override of the callback {@code name} may have; null for no callback. */
  public static List<Method> callbacks(String name) {
    return CALLBACKS.get(name);
  }

  /** Whether {@code type} or a superclass below {@link Controller} declares the method. */
  public static boolean overrides(Class<?> type, String name, Class<?>... parameters) {
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
    return owner.getName()
        + "#"
        + method.getName()
        + Arrays.stream(method.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
  }
}
