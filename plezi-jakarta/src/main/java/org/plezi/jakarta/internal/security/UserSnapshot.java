package org.plezi.jakarta.internal.security;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The authenticated user of a websocket's upgrade request, kept for the connection's whole life
 * (the request itself is recycled by the container once the upgrade is over): the principal, and
 * which of the controller's declared roles the container said the user is in. Anonymous upgrades
 * keep nothing (null), so they cost a connection no memory. Immutable.
 *
 * @param principal the container's {@code getUserPrincipal()}
 * @param roles the declared roles the user is in
 */
public record UserSnapshot(Principal principal, Set<String> roles) {
  /**
   * Takes the snapshot on the upgrade request, while it is still valid.
   *
   * @param principal {@code request.getUserPrincipal()}
   * @param declared the roles the controller declares
   * @param isUserInRole {@code request::isUserInRole}
   * @return null when no user is authenticated
   */
  public static UserSnapshot capture(
      Principal principal, DeclaredRoles declared, Predicate<String> isUserInRole) {
    if (principal == null) {
      return null;
    }
    Set<String> granted = new LinkedHashSet<>();
    for (String role : declared.names()) {
      if (isUserInRole.test(role)) {
        granted.add(role);
      }
    }
    return new UserSnapshot(principal, granted.isEmpty() ? Set.of() : Set.copyOf(granted));
  }

  /**
   * Whether the user is in a role.
   *
   * @param user the snapshot, or null for an anonymous connection (in no role)
   * @throws IllegalArgumentException when the controller did not declare the role
   */
  public static boolean isUserInRole(
      UserSnapshot user, String role, DeclaredRoles declared, String controller) {
    declared.require(role, controller);
    return user != null && user.roles.contains(role);
  }
}
