package org.plezi.jakarta.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The checks on a full container: a WAR with the core and this module in WEB-INF/lib (no
 * MicroProfile or CDI jar bundled) on Payara Micro 6, whose own MicroProfile Health serves {@code
 * /health/ready}, {@code /health/live} and {@code /health/started}. Runs with {@code -Pcontainers},
 * which provides the Payara Micro jar and Arquillian's managed Payara Micro adapter
 * (arquillian.xml), which starts Payara with the WAR; the test is its client.
 */
@EnabledIfSystemProperty(named = "plezi.arquillian", matches = "payara")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(300)
class PayaraMicroHealthContainerIT {
  /** The WAR's root on Payara (from the adapter), {@code /app/}. */
  @ArquillianResource URL deployed;

  /** Named app.war, so at /app: not at "/", Payara's own /health answers beside it. */
  @Deployment(testable = false)
  static WebArchive war() throws Exception {
    Path work = Files.createDirectories(Path.of("target", "payara"));
    Path war =
        new WarBuilder()
            .library("plezi-jakarta.jar", Controller.class)
            .library("plezi-jakarta-health.jar", PleziReadinessCheck.class)
            .library("snakeyaml.jar", org.yaml.snakeyaml.Yaml.class)
            .packageOf(PingController.class)
            .write(work.resolve("app.war"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, war.toFile());
  }

  /** A GET of {@code path} on the server (from its root, not the WAR's). */
  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(deployed.toURI().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The JSON object of the check named "plezi" in a health answer (no nested objects but data). */
  private static String pleziCheck(String body) {
    Matcher check =
        Pattern.compile("\\{[^{}]*\"name\"\\s*:\\s*\"plezi\"[^{}]*(\\{[^{}]*\\})?[^{}]*\\}")
            .matcher(body);
    assertThat(check.find()).as("a check named plezi in %s", body).isTrue();
    return check.group();
  }

  private void assertUp(String path, boolean withRedis) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    String body = response.body();
    System.out.println("Payara Micro GET " + path + ": " + body);
    assertThat(body).as(path).containsPattern("^\\s*\\{\\s*\"status\"\\s*:\\s*\"UP\"");
    String check = pleziCheck(body);
    assertThat(check).as(path).containsPattern("\"status\"\\s*:\\s*\"UP\"");
    if (withRedis) {
      assertThat(check).as(path).containsPattern("\"redis\"\\s*:\\s*\"NOT_CONFIGURED\"");
    }
  }

  @Test
  void readinessLivenessAndStartupListThePleziCheckUp() throws Exception {
    assertThat(get("/app/ping").body()).isEqualTo("pong");
    assertUp("/health/ready", true);
    assertUp("/health/live", false);
    assertUp("/health/started", false);
    assertUp("/health", false);
  }
}
