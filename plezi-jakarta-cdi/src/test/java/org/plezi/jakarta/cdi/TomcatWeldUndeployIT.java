package org.plezi.jakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.CloseCodes;
import org.plezi.jakarta.cdi.app.GreetingController;
import org.plezi.jakarta.cdi.testing.CdiServer;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** Undeploy with open connections, on embedded Tomcat with Weld Servlet. */
@Timeout(60)
class TomcatWeldUndeployIT {
  @Test
  void undeployDestroysTheControllersOfOpenConnectionsBeforeCdiStops() throws Exception {
    Journal.clear();
    try (TestServer server = CdiServer.start(true, GreetingController.class)) {
      WsClient first = WsClient.connect(server.ws("/greet"));
      WsClient second = WsClient.connect(server.ws("/greet"));
      first.nextText();
      second.nextText();
      Journal.expect("greeting created", "greeting created");

      server.stop();

      List<String> entries =
          List.of(Journal.next(), Journal.next(), Journal.next(), Journal.next());
      assertThat(entries)
          .containsExactlyInAnyOrder(
              "greeting destroyed", "log closed", "greeting destroyed", "log closed");
      assertThat(first.awaitClose().code()).isEqualTo(CloseCodes.GOING_AWAY);
      assertThat(second.awaitClose().code()).isEqualTo(CloseCodes.GOING_AWAY);
    }
  }
}
