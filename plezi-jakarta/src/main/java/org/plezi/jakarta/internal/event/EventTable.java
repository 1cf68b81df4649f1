package org.plezi.jakarta.internal.event;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.internal.wire.Envelope;

/**
 * The events of one controller class, by name, built once when the route is registered: the only
 * methods a client's JSON or a message from another connection can call. Immutable.
 *
 * <p>Rules, each broken one reported naming {@code Class#method(Params)}: an event method is
 * annotated {@link Event} in the class or a superclass below {@link Controller} (an override of an
 * event method stays that event, and takes the name its own annotation gives, if any); it is not
 * static; it is not a {@code Controller} callback; its name is not blank and no other event method
 * of the class has it.
 */
public final class EventTable {
  /** Events by name, in a stable order (superclass first, then by method name). */
  private final Map<String, EventMethod> byName;

  private EventTable(Map<String, EventMethod> byName) {
    this.byName = byName;
  }

  /** A class's event method being collected: the newest override wins. */
  private static final class Slot {
    String name;
    Method method;

    Slot(String name, Method method) {
      this.name = name;
      this.method = method;
    }
  }

  /**
   * Collects and checks the events of a controller class.
   *
   * @param problems receives each rule broken
   * @return the table; meaningless when problems were added
   */
  public static EventTable of(Class<? extends Controller> type, List<String> problems) {
    List<Slot> slots = new ArrayList<>();
    for (Class<?> c : hierarchy(type)) {
      Method[] declared = c.getDeclaredMethods();
      Arrays.sort(
          declared,
          Comparator.comparing(Method::getName)
              .thenComparing(m -> Arrays.toString(m.getParameterTypes())));
      for (Method method : declared) {
        if (method.isSynthetic() || method.isBridge()) {
          continue;
        }
        Event annotation = method.getAnnotation(Event.class);
        Slot overridden = overridden(slots, method);
        if (overridden != null) {
          overridden.method = method;
          if (annotation != null) {
            overridden.name = nameOf(annotation, method);
          }
        } else if (annotation != null) {
          slots.add(new Slot(nameOf(annotation, method), method));
        }
      }
    }
    Map<String, EventMethod> byName = new LinkedHashMap<>();
    Map<String, Method> claimed = new LinkedHashMap<>();
    for (Slot slot : slots) {
      String where = ControllerMethods.describe(slot.method.getDeclaringClass(), slot.method);
      if (Modifier.isStatic(slot.method.getModifiers())) {
        problems.add(where + ": an @Event method must not be static");
        continue;
      }
      if (ControllerMethods.isCallbackName(slot.method.getName())) {
        problems.add(
            where
                + ": a callback cannot be an @Event; "
                + "move the event into a method of its own");
        continue;
      }
      if (!Envelope.isMethodName(slot.name)) {
        problems.add(
            where
                + ": the @Event name '"
                + slot.name
                + "' must be a Java identifier of"
                + " at most 255 characters, so that it can travel between servers");
        continue;
      }
      Method previous = claimed.putIfAbsent(slot.name, slot.method);
      if (previous != null) {
        problems.add(
            where
                + ": the event name '"
                + slot.name
                + "' is already taken by "
                + ControllerMethods.describe(previous.getDeclaringClass(), previous)
                + "; event names are unique per controller class");
        continue;
      }
      try {
        byName.put(
            slot.name, EventMethod.of(slot.name, slot.method.getDeclaringClass(), slot.method));
      } catch (ReflectiveOperationException | RuntimeException e) {
        problems.add(where + ": the @Event method cannot be made accessible: " + e);
      }
    }
    return new EventTable(Collections.unmodifiableMap(byName));
  }

  /** The event of that name, or null. */
  public EventMethod get(String name) {
    return byName.get(name);
  }

  /** Every event, in a stable order. */
  public Collection<EventMethod> all() {
    return byName.values();
  }

  public int size() {
    return byName.size();
  }

  private static String nameOf(Event annotation, Method method) {
    return annotation.value().isEmpty() ? method.getName() : annotation.value();
  }

  /** The classes from the one below {@link Controller} down to {@code type}. */
  private static Deque<Class<?>> hierarchy(Class<?> type) {
    Deque<Class<?>> chain = new ArrayDeque<>();
    for (Class<?> c = type; c != null && c != Controller.class; c = c.getSuperclass()) {
      chain.addFirst(c);
    }
    return chain;
  }

  /** The collected event method that {@code method} overrides, or null. */
  private static Slot overridden(List<Slot> slots, Method method) {
    if (Modifier.isStatic(method.getModifiers()) || Modifier.isPrivate(method.getModifiers())) {
      return null;
    }
    for (Slot slot : slots) {
      Method base = slot.method;
      int modifiers = base.getModifiers();
      boolean inheritable =
          !Modifier.isPrivate(modifiers)
              && !Modifier.isStatic(modifiers)
              && (Modifier.isPublic(modifiers)
                  || Modifier.isProtected(modifiers)
                  || samePackage(base.getDeclaringClass(), method.getDeclaringClass()));
      if (inheritable
          && base.getName().equals(method.getName())
          && Arrays.equals(base.getParameterTypes(), method.getParameterTypes())) {
        return slot;
      }
    }
    return null;
  }

  private static boolean samePackage(Class<?> a, Class<?> b) {
    return Objects.equals(a.getPackageName(), b.getPackageName())
        && a.getClassLoader() == b.getClassLoader();
  }
}
