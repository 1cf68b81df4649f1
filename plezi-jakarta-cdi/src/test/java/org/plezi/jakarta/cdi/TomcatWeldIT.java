package org.plezi.jakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.CloseCodes;
import org.plezi.jakarta.cdi.app.ConstructorController;
import org.plezi.jakarta.cdi.app.GreetingController;
import org.plezi.jakarta.cdi.app.PlainController;
import org.plezi.jakarta.cdi.app.RoomController;
import org.plezi.jakarta.cdi.app.SettingsProducer;
import org.plezi.jakarta.cdi.testing.CdiServer;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/** Controllers made by CDI on a real container: embedded Tomcat 10.1 with Weld Servlet. */
@Timeout(60)
class TomcatWeldIT {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        CdiServer.start(
            true,
            GreetingController.class,
            PlainController.class,
            ConstructorController.class,
            RoomController.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void clearJournal() {
    Journal.clear();
  }

  @Test
  void controllerUsesItsInjectedBeanOverARealWebsocket() throws Exception {
    WsClient client = WsClient.connect(server.ws("/greet"));
    assertThat(client.nextText()).startsWith("instance ");

    client.send("websocket");

    client.expectText("hello websocket");
    client.close();
    Journal.expect("greeting created", "greeting destroyed", "log closed");
  }

  @Test
  void anInjectedMessengerReachesWebsocketClients() throws Exception {
    WsClient client = WsClient.connect(server.ws("/greet"));
    try {
      assertThat(client.nextText()).startsWith("instance ");
      jakarta.enterprise.inject.spi.BeanManager manager =
          java.util.Collections.list(server.servletContext().getAttributeNames()).stream()
              .map(server.servletContext()::getAttribute)
              .filter(jakarta.enterprise.inject.spi.BeanManager.class::isInstance)
              .map(jakarta.enterprise.inject.spi.BeanManager.class::cast)
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "no BeanManager attribute: "
                              + java.util.Collections.list(
                                  server.servletContext().getAttributeNames())));
      org.plezi.jakarta.cdi.app.Announcer announcer =
          manager.createInstance().select(org.plezi.jakarta.cdi.app.Announcer.class).get();
      announcer.announce("from a bean");
      client.expectText("announced from a bean");
      assertThat(announcer.mail("nobody", "x")).isFalse();
    } finally {
      client.close();
    }
    // The controller is destroyed after the close: wait, so the next test's journal starts empty.
    Journal.expect("greeting created", "greeting destroyed", "log closed");
  }

  @Test
  void eachConnectionGetsItsOwnControllerInstance() throws Exception {
    Set<String> instances = new HashSet<>();
    try (WsClient first = WsClient.connect(server.ws("/greet"));
        WsClient second = WsClient.connect(server.ws("/greet"));
        WsClient third = WsClient.connect(server.ws("/greet"))) {
      instances.add(first.nextText());
      instances.add(second.nextText());
      instances.add(third.nextText());
    }
    assertThat(instances).hasSize(3);
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      entries.add(Journal.next());
    }
    assertThat(entries).filteredOn("greeting created"::equals).hasSize(3);
    assertThat(entries).filteredOn("greeting destroyed"::equals).hasSize(3);
    assertThat(entries).filteredOn("log closed"::equals).hasSize(3);
  }

  @Test
  void closingTheConnectionDestroysTheControllerThenItsDependents() throws Exception {
    WsClient client = WsClient.connect(server.ws("/greet"));
    client.nextText();
    Journal.expect("greeting created");

    client.close();

    Journal.expect("greeting destroyed", "log closed");
  }

  @Test
  void plainHttpRequestGetsAControllerDestroyedWhenTheRequestEnds() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.http("/greet")).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).isEqualTo("hello page");
    Journal.expect("greeting created", "greeting destroyed", "log closed");
  }

  @Test
  void controllerCdiDidNotDiscoverStillGetsInjectionAndPreDestroy() throws Exception {
    WsClient client = WsClient.connect(server.ws("/plain"));
    client.send("plain");
    client.expectText("hello plain");

    client.close();

    Journal.expect("plain destroyed");
  }

  @Test
  void injectOnlyConstructorIsCalledByCdi() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/constructed"))) {
      client.send("you");

      client.expectText("hello you by constructor");
    }
  }

  @Test
  void interceptedControllerBroadcastsToTheConnectionsOfItsRouteClass() throws Exception {
    try (WsClient speaker = WsClient.connect(server.ws("/room"));
        WsClient listener = WsClient.connect(server.ws("/room"))) {
      // The client's open comes before the server registers the connection: wait for onOpen's.
      speaker.expectText("joined");
      listener.expectText("joined");
      speaker.send("hi all");

      listener.expectText("said hi all");
      Journal.expect("audited onMessage");
    }
  }

  @Test
  void settingsProducedByTheApplicationOverrideTheDefaults() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/plain"))) {
      client.send("x".repeat(SettingsProducer.MESSAGE_MAX_BYTES + 1));

      assertThat(client.awaitClose().code()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
    }
    Journal.expect("plain destroyed");
  }
}
