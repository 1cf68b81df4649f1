package org.plezi.jakarta.internal.security;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.plezi.jakarta.internal.base.LogText;

/**
 * The roles a controller class tests with {@code isUserInRole} on its connections, as it declares
 * them with the standard {@code @jakarta.annotation.security.DeclareRoles} on the class or a
 * superclass. The request that authenticated the user is gone once the websocket is open, and a
 * servlet container has no portable way to list a user's roles, so these are the roles checked on
 * the upgrade request and kept for the connection. The annotation is read by name: the core needs
 * no annotation API on its class path, and an application without the annotation has no roles to
 * keep. Immutable.
 */
public final class DeclaredRoles {
  /** The standard annotation, by name. */
  static final String ANNOTATION = "jakarta.annotation.security.DeclareRoles";

  /** A class that declares none. */
  public static final DeclaredRoles NONE = new DeclaredRoles("(none)", Set.of());

  /** The class that declared them, for messages. */
  private final String owner;

  /** The role names, in declaration order (subclass first). */
  private final Set<String> names;

  private DeclaredRoles(String owner, Set<String> names) {
    this.owner = owner;
    this.names = names;
  }

  /**
   * The roles {@code type} and its superclasses declare.
   *
   * @param problems receives a blank role name, naming the class
   */
  public static DeclaredRoles of(Class<?> type, List<String> problems) {
    Set<String> names = new LinkedHashSet<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Annotation annotation : c.getDeclaredAnnotations()) {
        if (annotation.annotationType().getName().equals(ANNOTATION)) {
          for (String role : values(annotation, c, problems)) {
            if (role == null || role.isBlank()) {
              problems.add(c.getName() + ": @DeclareRoles holds a blank role name");
            } else {
              names.add(role);
            }
          }
        }
      }
    }
    return names.isEmpty()
        ? NONE
        : new DeclaredRoles(type.getName(), Collections.unmodifiableSet(names));
  }

  private static List<String> values(Annotation annotation, Class<?> on, List<String> problems) {
    try {
      Method value = annotation.annotationType().getMethod("value");
      Object names = value.invoke(annotation);
      return names instanceof String[] array ? List.of(array) : List.of();
    } catch (ReflectiveOperationException | RuntimeException e) {
      problems.add(on.getName() + ": its @DeclareRoles cannot be read: " + e);
      return new ArrayList<>();
    }
  }

  /** Whether the class declares the role. */
  public boolean contains(String role) {
    return names.contains(role);
  }

  /** The declared roles. */
  public Set<String> names() {
    return names;
  }

  /**
   * Refuses a role the class did not declare: a programming error, reported where it is made.
   *
   * @throws IllegalArgumentException saying how to declare it
   */
  public void require(String role, String controller) {
    if (!names.contains(role)) {
      throw new IllegalArgumentException(
          controller
              + ": isUserInRole(\""
              + LogText.printable(role)
              + "\") on a connection answers only for roles the controller declares, checked on the "
              + "upgrade request; add @jakarta.annotation.security.DeclareRoles({\""
              + LogText.printable(role)
              + "\"}) to the class");
    }
  }

  @Override
  public String toString() {
    return "DeclaredRoles" + names + " of " + owner;
  }
}
