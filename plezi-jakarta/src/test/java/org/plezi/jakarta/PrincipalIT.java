package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.DeclareRoles;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.realm.GenericPrincipal;
import org.apache.catalina.realm.RealmBase;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.RawHandshake;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Container-managed security on a real Tomcat (a realm, BASIC authentication and a security
 * constraint on a route): the connection keeps the upgrade request's user and its declared roles
 * for its whole life, long after the request was recycled.
 */
@Timeout(60)
class PrincipalIT {
  /** Says who its user is, on every frame (a container thread, the request long gone). */
  @Route("/secure/room")
  @DeclareRoles({"member", "admin"})
  public static class SecureRoom extends Controller {
    @Override
    protected boolean preConnect() {
      return principal() != null && isUserInRole("member");
    }

    @Override
    protected void onMessage(String role) {
      Principal user = principal();
      String answer;
      try {
        answer = role + "=" + isUserInRole(role);
      } catch (IllegalArgumentException undeclared) {
        answer = "undeclared " + role;
      }
      write((user == null ? "anonymous" : user.getName()) + " " + answer);
    }
  }

  /** No constraint: anonymous users. */
  @Route("/open")
  @DeclareRoles("member")
  public static class Open extends Controller {
    @Override
    protected void onMessage(String role) {
      write(principal() + " " + isUserInRole(role));
    }
  }

  /** ada: member and admin; bob: member only; eve: no role. Plain-text passwords (test only). */
  static final class Users extends RealmBase {
    private static final Map<String, List<String>> ROLES =
        Map.of("ada", List.of("member", "admin"), "bob", List.of("member"), "eve", List.of());

    @Override
    protected String getPassword(String username) {
      return ROLES.containsKey(username) ? username + "-secret" : null;
    }

    @Override
    protected Principal getPrincipal(String username) {
      return new GenericPrincipal(username, ROLES.get(username));
    }
  }

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of(), PrincipalIT::secure, SecureRoom.class, Open.class);
  }

  private static void secure(Context context) {
    context.setRealm(new Users());
    LoginConfig login = new LoginConfig();
    login.setAuthMethod("BASIC");
    login.setRealmName("plezi-test");
    context.setLoginConfig(login);
    context.getPipeline().addValve(new BasicAuthenticator());
    SecurityCollection secured = new SecurityCollection();
    secured.addPattern("/secure/*");
    SecurityConstraint constraint = new SecurityConstraint();
    constraint.addAuthRole("member");
    constraint.addCollection(secured);
    context.addConstraint(constraint);
    context.addSecurityRole("member");
    context.addSecurityRole("admin");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theConnectionKeepsTheUpgradesUserAndDeclaredRolesForItsLife() throws Exception {
    try (WsClient ada = WsClient.connect(server.ws("/secure/room"), basic("ada"));
        WsClient bob = WsClient.connect(server.ws("/secure/room"), basic("bob"))) {
      ada.send("admin");
      ada.expectText("ada admin=true");
      ada.send("member");
      ada.expectText("ada member=true");
      bob.send("admin");
      bob.expectText("bob admin=false");
      bob.send("member");
      bob.expectText("bob member=true");
      // A role the class did not declare was never asked of the request: a programming error.
      ada.send("other");
      ada.expectText("ada undeclared other");
    }
  }

  @Test
  void theConstraintRefusesMissingAndWrongCredentialsAndUsersOutsideTheRole() throws Exception {
    try (RawHandshake none = RawHandshake.open(server.ws("/secure/room"))) {
      assertThat(none.status()).isEqualTo(401);
    }
    try (RawHandshake wrong =
        RawHandshake.open(server.ws("/secure/room"), "Authorization: " + header("ada", "nope"))) {
      assertThat(wrong.status()).isEqualTo(401);
    }
    try (RawHandshake eve =
        RawHandshake.open(server.ws("/secure/room"), "Authorization: " + header("eve", null))) {
      assertThat(eve.status()).isEqualTo(403);
    }
  }

  @Test
  void anAnonymousConnectionHasNoUserAndNoRole() throws Exception {
    try (WsClient anonymous = WsClient.connect(server.ws("/open"))) {
      anonymous.send("member");
      anonymous.expectText("null false");
    }
  }

  private static Map<String, List<String>> basic(String user) {
    return Map.of("Authorization", List.of(header(user, null)));
  }

  private static String header(String user, String password) {
    String secret = password == null ? user + "-secret" : password;
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }
}
