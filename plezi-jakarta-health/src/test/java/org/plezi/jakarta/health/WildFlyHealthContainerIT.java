package org.plezi.jakarta.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployer;
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
import org.plezi.jakarta.health.payara.PingController;
import org.plezi.jakarta.testing.WarBuilder;

/**
 * The checks on WildFly: the WAR of {@link PayaraMicroHealthContainerIT} (the core and this module
 * in WEB-INF/lib, no MicroProfile or CDI jar bundled) on WildFly started by Arquillian's managed
 * adapter on {@code standalone-microprofile.xml}, whose MicroProfile Health serves {@code /health},
 * {@code /health/ready}, {@code /health/live} and {@code /health/started} on the management
 * interface. The test deploys the WAR itself (Arquillian's {@link Deployer}): before the deployment
 * and after its undeploy no check named plezi is listed, while deployed each endpoint lists it UP
 * with its data. Runs with {@code -Pcontainers}, in the failsafe execution that has only the
 * WildFly adapter.
 */
@EnabledIfSystemProperty(named = "plezi.arquillian", matches = "wildfly")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(300)
class WildFlyHealthContainerIT {
  private static final String APP = "app";
  private static final String[] ENDPOINTS = {"/health/ready", "/health/live", "/health/started"};
  private static final Pattern UUID =
      Pattern.compile(
          "\"server\"\\s*:\\s*\"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @ArquillianResource Deployer deployer;

  /** app.war: at /app on the HTTP port; deployed only when the test says so. */
  @Deployment(name = APP, managed = false, testable = false)
  static WebArchive war() throws Exception {
    Path work = Files.createDirectories(Path.of("target", "wildfly"));
    Path war =
        new WarBuilder()
            .library("plezi-jakarta.jar", Controller.class)
            .library("plezi-jakarta-health.jar", PleziReadinessCheck.class)
            .library("snakeyaml.jar", org.yaml.snakeyaml.Yaml.class)
            .packageOf(PingController.class)
            .write(work.resolve("app.war"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, war.toFile());
  }

  private static URI on(String portProperty, String path) {
    String port = System.getProperty(portProperty);
    assertThat(port).as(portProperty).isNotBlank();
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A health endpoint on the management interface: its answer, which must be 200. */
  private static String health(String path) throws Exception {
    HttpResponse<String> response = get(on("plezi.wildfly.management.port", path));
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    System.out.println("WildFly GET " + path + ": " + response.body());
    return response.body();
  }

  /** The JSON object of the check named "plezi" in a health answer (no nested objects but data). */
  private static String pleziCheck(String body) {
    Matcher check =
        Pattern.compile("\\{[^{}]*\"name\"\\s*:\\s*\"plezi\"[^{}]*(\\{[^{}]*\\})?[^{}]*\\}")
            .matcher(body);
    assertThat(check.find()).as("a check named plezi in %s", body).isTrue();
    return check.group();
  }

  /** The plezi check of {@code path}, UP with its data; its server uuid. */
  private static String assertUp(String path) throws Exception {
    String body = health(path);
    assertThat(body).as(path).containsPattern("^\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\"");
    String check = pleziCheck(body);
    assertThat(check).as(path).containsPattern("\"status\"\\s*:\\s*\"UP\"");
    assertThat(check).as(path).containsPattern("\"started\"\\s*:\\s*\"?true\"?");
    assertThat(check).as(path).containsPattern("\"stopping\"\\s*:\\s*\"?false\"?");
    assertThat(check).as(path).containsPattern("\"redis\"\\s*:\\s*\"NOT_CONFIGURED\"");
    Matcher server = UUID.matcher(check);
    assertThat(server.find()).as("a server uuid in %s", check).isTrue();
    return server.group(1);
  }

  private static void assertNoPleziCheck(String when) throws Exception {
    for (String path : ENDPOINTS) {
      assertThat(health(path))
          .as("%s %s", path, when)
          .doesNotContainPattern("\"name\"\\s*:\\s*\"plezi\"");
    }
  }

  @Test
  void readinessLivenessAndStartupListThePleziCheckUpUntilUndeploy() throws Exception {
    assertNoPleziCheck("before the deployment");
    deployer.deploy(APP);
    try {
      assertThat(get(on("plezi.wildfly.http.port", "/app/ping")).body()).isEqualTo("pong");
      Set<String> servers = new HashSet<>();
      for (String path : ENDPOINTS) {
        servers.add(assertUp(path));
      }
      assertThat(servers).as("one server uuid in the three checks").hasSize(1);
      String all = health("/health");
      assertThat(all).containsPattern("^\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\"");
      assertThat(Pattern.compile("\"name\"\\s*:\\s*\"plezi\"").matcher(all).results().count())
          .as("the three plezi checks in /health: %s", all)
          .isEqualTo(3);
    } finally {
      deployer.undeploy(APP);
    }
    assertNoPleziCheck("after the undeploy");
  }
}
