package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.testing.RawHandshake;
import org.plezi.jakarta.testing.WarBuilder;
import org.plezi.jakarta.testing.WsClient;
import org.plezi.sample.secured.StaffFeed;

/**
 * {@code Controller.principal()} and {@code isUserInRole} with container-managed security on a full
 * WildFly: users of its file realm (ApplicationRealm, made with {@code bin/add-user.sh} as an
 * administrator would), a {@code <security-constraint>} on the route (role {@code staff}), BASIC
 * authentication on the websocket upgrade. The controller sees the user's name and roles on every
 * frame; the container refuses an anonymous upgrade (401) and a user without the role (403) before
 * the library sees them. Runs with {@code -Pcontainers}.
 */
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

  private static WildFlyServer wildfly;

  @BeforeAll
  static void deploy() throws Exception {
    Path home = Containers.required("plezi.wildfly.home");
    Path work = Containers.runDirectory("secured-war");
    Path war =
        new WarBuilder()
            .library("plezi-jakarta.jar", Controller.class)
            .packageOf(StaffFeed.class)
            .file("WEB-INF/web.xml", WEB_XML)
            .file("index.html", "<!doctype html><title>secured</title>")
            .write(work.resolve("secured.war"));
    wildfly =
        WildFlyServer.start(
            home,
            war,
            ContainerChatChecks.START_TIMEOUT,
            (wildflyHome, base) -> {
              addUser(wildflyHome, base, "ada", "Ada-Secret-1", "staff,admin");
              addUser(wildflyHome, base, "bob", "Bob-Secret-2", "staff");
              addUser(wildflyHome, base, "eve", "Eve-Secret-3", "guest");
            });
  }

  @AfterAll
  static void stop() {
    if (wildfly != null) {
      wildfly.close();
    }
  }

  /** {@code add-user.sh -a}: a user of ApplicationRealm, in this server's configuration only. */
  private static void addUser(Path home, Path base, String user, String password, String groups)
      throws java.io.IOException, InterruptedException {
    Path log = base.resolve("add-user-" + user + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                home.resolve("bin/add-user.sh").toString(),
                "-a",
                "-s",
                "-u",
                user,
                "-p",
                password,
                "-g",
                groups,
                "-sc",
                base.resolve("configuration").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JBOSS_HOME", home.toString());
    builder
        .environment()
        .put("JAVA_HOME", org.plezi.jakarta.testing.ServerProcess.javaHome().toString());
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("add-user.sh " + user + " failed: " + Files.readString(log));
    }
    assertThat(Files.readString(base.resolve("configuration/application-users.properties")))
        .contains(user + "=");
  }

  private static URI feed() {
    URI base = wildfly.site().base();
    return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/secured/staff/feed");
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static WsClient connectAs(String user, String password) throws Exception {
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
