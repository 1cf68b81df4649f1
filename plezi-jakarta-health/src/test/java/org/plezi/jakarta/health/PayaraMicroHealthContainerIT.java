package org.plezi.jakarta.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.health.payara.PingController;
import org.plezi.jakarta.testing.PayaraMicro;
import org.plezi.jakarta.testing.WarBuilder;

/**
 * The checks on a full container: a WAR with the core and this module in WEB-INF/lib (no
 * MicroProfile or CDI jar bundled) on Payara Micro 6, whose own MicroProfile Health serves {@code
 * /health/ready}, {@code /health/live} and {@code /health/started}. Runs with {@code -Pcontainers},
 * which provides the Payara Micro jar.
 */
@Timeout(300)
class PayaraMicroHealthContainerIT {
  private static PayaraMicro payara;

  @BeforeAll
  static void deploy() throws Exception {
    String jar = System.getProperty("payara.micro.jar");
    assumeTrue(
        jar != null && Files.isRegularFile(Path.of(jar)),
        "no Payara Micro jar: run with -Pcontainers");
    Path work = Files.createDirectories(Path.of("target", "payara"));
    Path war =
        new WarBuilder()
            .library("plezi-jakarta.jar", Controller.class)
            .library("plezi-jakarta-health.jar", PleziReadinessCheck.class)
            .library("snakeyaml.jar", org.yaml.snakeyaml.Yaml.class)
            .packageOf(PingController.class)
            .write(work.resolve("plezi-health-it.war"));
    // Not at "/": Payara's own /health answers beside the application.
    payara =
        PayaraMicro.start(
            Path.of(jar), war, "/app", work.resolve("run"), "/app/ping", Duration.ofMinutes(3));
  }

  @AfterAll
  static void undeploy() {
    if (payara != null) {
      payara.close();
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(payara.http(path)).timeout(Duration.ofSeconds(30)).build(),
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

  private static void assertUp(String path, boolean withRedis) throws Exception {
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
