package org.plezi.jakarta.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.CloseCodes;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** The integration seam: a provider's factory makes and releases every controller, once each. */
@Timeout(60)
class IntegrationIT {
  private static final Map<String, String> JOURNAL =
      Map.of(TestIntegrationProvider.PARAMETER, "journal");

  @Route("/made")
  public static class Made extends Controller {
    @Override
    protected boolean preConnect() {
      return !"no".equals(params().get("accept"));
    }

    @Override
    protected void onMessage(String text) {
      write(text);
    }

    @Override
    protected String index() {
      return "page";
    }
  }

  @BeforeEach
  void clearJournal() {
    Journal.clear();
  }

  @Test
  void closedConnectionReleasesItsControllerOnceAfterOnClose() throws Exception {
    try (TestServer server = TestServer.start(JOURNAL, Made.class)) {
      WsClient client = WsClient.connect(server.ws("/made"));
      client.send("hi");
      client.expectText("hi");

      client.close();

      Journal.expect("create Made", "release Made");
    }
    assertThat(Journal.pollNow()).isNull();
  }

  @Test
  void plainRequestAndRefusedUpgradeReleaseTheirControllers() throws Exception {
    try (TestServer server = TestServer.start(JOURNAL, Made.class)) {
      HttpResponse<String> page = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(server.http("/made")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(page.body()).isEqualTo("page");
      Journal.expect("create Made", "release Made");

      assertThat(catchThrowable(
          () -> WsClient.connect(server.ws("/made?accept=no")))).isNotNull();

      Journal.expect("create Made", "release Made");
    }
  }

  @Test
  void integrationSettingsApplyOverTheOthers() throws Exception {
    try (TestServer server = TestServer.start(JOURNAL, Made.class);
        WsClient client = WsClient.connect(server.ws("/made"))) {
      client.send("x".repeat(33));

      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }
  }

  @Test
  void integrationChangingASettingReadAtInstallFailsTheDeployment() {
    try (TestServer server =
        TestServer.boot(Map.of(TestIntegrationProvider.PARAMETER, "events"), Made.class)) {
      assertThat(server.started()).isFalse();
    }
  }
}
