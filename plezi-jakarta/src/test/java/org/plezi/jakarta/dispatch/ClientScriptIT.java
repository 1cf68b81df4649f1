package org.plezi.jakarta.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.internal.runtime.PleziInitializer;
import org.plezi.jakarta.testing.TestServer;

@Timeout(60)
class ClientScriptIT {
  /** A route whose show() would match /plezi/client.js if the library did not keep it. */
  @Route("/{room}")
  public static class Rooms extends Controller {
    @Override
    protected String show(String id) {
      return "room " + params().get("room") + " item " + id;
    }
  }

  private static TestServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of(), Rooms.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(server.http(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theContainerServesTheClientFromTheJarsMetaInfResources() throws Exception {
    HttpResponse<String> script = get("/plezi/client.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
    assertThat(script.body()).contains("class PleziClient");
    HttpResponse<String> types = get("/plezi/client.d.ts");
    assertThat(types.statusCode()).isEqualTo(200);
    assertThat(types.body()).contains("declare class PleziClient");
  }

  @Test
  void aTemplateRouteDoesNotHideTheClientButStillAnswersItsOwnPaths() throws Exception {
    assertThat(get("/plezi/client.js").body()).contains("class PleziClient");
    assertThat(get("/plezi/other").body()).isEqualTo("room plezi item other");
  }

  @Test
  void thePackagedJarCarriesTheClientWhenTestsRunAgainstIt() throws Exception {
    File location =
        new File(
            PleziInitializer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (location.isFile()) { // failsafe puts the packaged jar on the class path
      try (JarFile jar = new JarFile(location)) {
        assertThat(jar.getEntry("META-INF/resources/plezi/client.js")).isNotNull();
        assertThat(jar.getEntry("META-INF/resources/plezi/client.d.ts")).isNotNull();
      }
    } else {
      assertThat(new File(location, "META-INF/resources/plezi/client.js")).isFile();
    }
  }
}
