package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.testing.RawHandshake;
import org.plezi.jakarta.testing.WarBuilder;
import org.plezi.jakarta.testing.WsClient;
import org.plezi.sample.secured.StaffFeed;

/**
 * {@code Controller.principal()} and {@code isUserInRole} with container-managed security on a full
 * WildFly: users of its file realm (ApplicationRealm: the server base directory's {@code
 * application-users.properties} and {@code application-roles.properties}, which the containers
 * profile copies from {@code src/test/containers/wildfly} as {@code bin/add-user.sh -a} would write
 * them), a {@code <security-constraint>} on the route (role {@code staff}), BASIC authentication on
 * the websocket upgrade. The controller sees the user's name and roles on every frame; the
 * container refuses an anonymous upgrade (401) and a user without the role (403) before the library
 * sees them. Runs with {@code -Pcontainers}, on the WildFly Arquillian starts for {@link
 * WildFlyContainerIT} too. The users are written by the build rather than by {@code add-user.sh} in
 * the test, as before Arquillian: the adapter starts WildFly before any of the test's code runs,
 * and the users must be in the realm's files when it starts.
 */
@EnabledIfSystemProperty(named = Containers.ARQUILLIAN, matches = "wildfly")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(300)
class SecuredWildFlyContainerIT {
  private static final String WEB_XML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
        <security-constraint>
          <web-resource-collection>
            <web-resource-name>staff</web-resource-name>
            <url-pattern>/staff/*</url-pattern>
          </web-resource-collection>
          <auth-constraint>
            <role-name>staff</role-name>
          </auth-constraint>
        </security-constraint>
        <login-config>
          <auth-method>BASIC</auth-method>
          <realm-name>ApplicationRealm</realm-name>
        </login-config>
        <security-role><role-name>staff</role-name></security-role>
        <security-role><role-name>admin</role-name></security-role>
      </web-app>
      """;

  /** The deployed WAR's root (from the adapter). */
  @ArquillianResource URL deployed;

  /** The core jar, the secured controller and the web.xml above, as secured.war. */
  @Deployment(testable = false)
  static WebArchive war() throws Exception {
    Path war =
        new WarBuilder()
            .library("plezi-jakarta.jar", Controller.class)
            .packageOf(StaffFeed.class)
            .file("WEB-INF/web.xml", WEB_XML)
            .file("index.html", "<!doctype html><title>secured</title>")
            .write(Containers.runDirectory("secured-war").resolve("secured.war"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, war.toFile());
  }

  private URI feed() {
    return URI.create(deployed.toString().replaceFirst("^http", "ws")).resolve("staff/feed");
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private WsClient connectAs(String user, String password) throws Exception {
    return WsClient.connect(feed(), Map.of("Authorization", List.of(basic(user, password))));
  }

  @Test
  void theControllerSeesTheUserAndHerRolesOnEveryFrame() throws Exception {
    try (WsClient ada = connectAs("ada", "Ada-Secret-1");
        WsClient bob = connectAs("bob", "Bob-Secret-2")) {
      ada.expectText("hello ada");
      bob.expectText("hello bob");
      ada.send("staff");
      ada.expectText("ada staff=true");
      ada.send("admin");
      ada.expectText("ada admin=true");
      bob.send("admin");
      bob.expectText("bob admin=false");
      bob.send("staff");
      bob.expectText("bob staff=true");
    }
  }

  @Test
  void theContainerRefusesAnAnonymousUpgradeAWrongPasswordAndAUserWithoutTheRole()
      throws Exception {
    try (RawHandshake anonymous = RawHandshake.open(feed())) {
      assertThat(anonymous.status()).isEqualTo(401);
    }
    try (RawHandshake wrong =
        RawHandshake.open(feed(), "Authorization: " + basic("ada", "not-her-password"))) {
      assertThat(wrong.status()).isEqualTo(401);
    }
    try (RawHandshake eve =
        RawHandshake.open(feed(), "Authorization: " + basic("eve", "Eve-Secret-3"))) {
      assertThat(eve.status()).isEqualTo(403);
    }
  }
}
