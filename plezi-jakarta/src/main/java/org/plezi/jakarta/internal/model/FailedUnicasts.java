package org.plezi.jakarta.internal.model;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.FailedUnicast;
import org.plezi.jakarta.internal.event.ControllerMethods;

/** Finds and checks a controller class's {@link FailedUnicast} callback. */
final class FailedUnicasts {
  private FailedUnicasts() {}

  /**
   * The nearest declaration in the hierarchy, after checking every declaration in it.
   *
   * @return the method (made accessible), or null when the hierarchy has none
   */
  static Method find(Class<?> type, List<String> problems) {
    Method nearest = null;
    for (Class<?> c = type; c != null && c != Controller.class; c = c.getSuperclass()) {
      List<Method> declared = new ArrayList<>();
      for (Method method : c.getDeclaredMethods()) {
        if (method.isAnnotationPresent(FailedUnicast.class)) {
          declared.add(method);
        }
      }
      if (declared.size() > 1) {
        problems.add(
            c.getName()
                + ": at most one @FailedUnicast method per class, found "
                + declared.size());
      }
      for (Method method : declared) {
        if (check(c, method, problems) && nearest == null) {
          method.setAccessible(true);
          nearest = method;
        }
      }
      if (!declared.isEmpty() && nearest == null) {
        return null;
      }
    }
    return nearest;
  }

  private static boolean check(Class<?> owner, Method method, List<String> problems) {
    Type[] parameters = method.getGenericParameterTypes();
    boolean signature =
        Modifier.isStatic(method.getModifiers())
            && method.getReturnType() == void.class
            && parameters.length == 3
            && parameters[0] == String.class
            && parameters[1] == String.class
            && isListOfObjects(parameters[2]);
    if (!signature) {
      problems.add(
          ControllerMethods.describe(owner, method)
              + ": a @FailedUnicast method must be "
              + "static void (String targetUuid, String event, List<Object> args)");
    }
    return signature;
  }

  private static boolean isListOfObjects(Type type) {
    if (type == List.class) {
      return true;
    }
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      Type argument = p.getActualTypeArguments()[0];
      return argument == Object.class
          || (argument instanceof WildcardType w
              && w.getUpperBounds()[0] == Object.class
              && w.getLowerBounds().length == 0);
    }
    return false;
  }
}
