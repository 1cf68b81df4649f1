package org.plezi.jakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.cdi.app.ConstructorController;
import org.plezi.jakarta.cdi.app.PlainController;
import org.plezi.jakarta.cdi.testing.CdiServer;
import org.plezi.jakarta.testing.LogCapture;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** The CDI module on the class path of an application that runs no CDI container. */
@Timeout(60)
class TomcatWithoutCdiIT {
  @Test
  void controllersAreCreatedByReflectionAndOneInfoLineSaysSo() throws Exception {
    try (LogCapture log = LogCapture.start();
        TestServer server = CdiServer.start(false, PlainController.class);
        WsClient client = WsClient.connect(server.ws("/plain"))) {
      client.send("anyone?");

      client.expectText("no injection");
      assertThat(log.texts())
          .filteredOn(t -> t.contains("plezi-jakarta-cdi found no CDI"))
          .singleElement()
          .asString()
          .contains("controllers are created by reflection, without injection");
    }
  }

  @Test
  void injectOnlyConstructorWithoutCdiFailsTheDeploymentNamingTheClass() {
    try (LogCapture log = LogCapture.start();
        TestServer server = CdiServer.boot(false, ConstructorController.class)) {
      assertThat(server.started()).isFalse();
      assertThat(log.texts())
          .anySatisfy(
              text ->
                  assertThat(text)
                      .contains(
                          ConstructorController.class.getName()
                              + "#<init>(): an @Inject constructor needs CDI"));
    }
  }
}
