package org.plezi.jakarta.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.annotation.security.DeclareRoles;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserSnapshotTest {
  @DeclareRoles({"member", "moderator"})
  static class Room {}

  @DeclareRoles("admin")
  static class AdminRoom extends Room {}

  static class PlainRoom {}

  @DeclareRoles({"ok", " "})
  static class BlankRole {}

  private static final Principal ADA = () -> "ada";

  @Test
  void rolesAreDeclaredByTheClassAndItsSuperclasses() {
    List<String> problems = new ArrayList<>();
    assertThat(DeclaredRoles.of(AdminRoom.class, problems).names())
        .containsExactly("admin", "member", "moderator");
    assertThat(DeclaredRoles.of(Room.class, problems).names())
        .containsExactly("member", "moderator");
    assertThat(DeclaredRoles.of(PlainRoom.class, problems)).isSameAs(DeclaredRoles.NONE);
    assertThat(problems).isEmpty();
  }

  @Test
  void aBlankRoleNameIsADefinitionError() {
    List<String> problems = new ArrayList<>();
    DeclaredRoles.of(BlankRole.class, problems);
    assertThat(problems)
        .containsExactly(BlankRole.class.getName() + ": @DeclareRoles holds a blank role name");
  }

  @Test
  void theSnapshotKeepsTheDeclaredRolesTheUserIsIn() {
    DeclaredRoles declared = DeclaredRoles.of(AdminRoom.class, new ArrayList<>());
    List<String> asked = new ArrayList<>();
    UserSnapshot user =
        UserSnapshot.capture(
            ADA,
            declared,
            role -> {
              asked.add(role);
              return role.equals("member");
            });
    assertThat(asked).containsExactly("admin", "member", "moderator");
    assertThat(user.principal().getName()).isEqualTo("ada");
    assertThat(user.roles()).containsExactly("member");
    assertThat(UserSnapshot.isUserInRole(user, "member", declared, "AdminRoom")).isTrue();
    assertThat(UserSnapshot.isUserInRole(user, "admin", declared, "AdminRoom")).isFalse();
  }

  @Test
  void anAnonymousUpgradeKeepsNothingAndIsInNoRole() {
    DeclaredRoles declared = DeclaredRoles.of(Room.class, new ArrayList<>());
    assertThat(UserSnapshot.capture(null, declared, role -> true)).isNull();
    assertThat(UserSnapshot.isUserInRole(null, "member", declared, "Room")).isFalse();
    assertThat(UserSnapshot.capture(ADA, DeclaredRoles.NONE, role -> true).roles())
        .isSameAs(Set.of());
  }

  @Test
  void anUndeclaredRoleIsAProgrammingErrorThatSaysHowToDeclareIt() {
    DeclaredRoles declared = DeclaredRoles.of(Room.class, new ArrayList<>());
    UserSnapshot user = UserSnapshot.capture(ADA, declared, role -> true);
    assertThatThrownBy(() -> UserSnapshot.isUserInRole(user, "admin", declared, "org.x.Room"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "org.x.Room: isUserInRole(\"admin\") on a connection answers only for roles "
                + "the controller declares, checked on the upgrade request; add "
                + "@jakarta.annotation.security.DeclareRoles({\"admin\"}) to the class");
    assertThatThrownBy(() -> UserSnapshot.isUserInRole(null, "admin", declared, "org.x.Room"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
