package org.plezi.jakarta.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.CloseCodes;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.Route;
import org.plezi.jakarta.internal.redis.RedisBus;
import org.plezi.jakarta.testing.Journal;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;
import org.redisson.api.RedissonClient;

/**
 * The integration seam: a provider's factory makes and releases every controller, once each; its
 * settings and Redis client choose the bus, which is chosen only once it has had its say.
 */
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
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(server.http("/made")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(page.body()).isEqualTo("page");
      Journal.expect("create Made", "release Made");

      assertThat(catchThrowable(() -> WsClient.connect(server.ws("/made?accept=no")))).isNotNull();

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
  void messengerUsedBeforeTheApplicationStartedSaysWhyItCannotSend() throws Exception {
    try (TestServer server =
        TestServer.start(Map.of(TestIntegrationProvider.PARAMETER, "early"), Made.class)) {
      assertThat(Journal.next())
          .isEqualTo(
              "early: Plezi messaging is available once the web "
                  + "application has started (after its ServletContextListeners ran)");
      Plezi.messenger(server.servletContext()).multicast("afterStart"); // and now it may
    }
  }

  @Test
  void integrationSettingsChooseTheRedisServerAndChannel() throws Exception {
    try (RedisServer redis = RedisServer.start();
        TestServer server =
            TestServer.start(
                Map.of(
                    TestIntegrationProvider.PARAMETER,
                    "redis-settings",
                    TestIntegrationProvider.REDIS_URL,
                    redis.url()),
                Made.class)) {
      RedisBus bus = (RedisBus) runtime(server).messaging().bus();

      assertThat(bus.channel()).isEqualTo(TestIntegrationProvider.CHANNEL);
      await().atMost(Duration.ofSeconds(30)).until(bus::isConnected);
    }
  }

  @Test
  void integrationRedisClientCarriesTheBusAndOutlivesTheApplication() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      TestServer server =
          TestServer.start(
              Map.of(
                  TestIntegrationProvider.PARAMETER,
                  "redis-client",
                  TestIntegrationProvider.REDIS_URL,
                  redis.url(),
                  "plezi.redis.url",
                  "redis://127.0.0.1:1"),
              Made.class);
      RedisBus bus = (RedisBus) runtime(server).messaging().bus();
      await().atMost(Duration.ofSeconds(30)).until(bus::isConnected);
      RedissonClient client = TestIntegrationProvider.lastClient;
      assertThat(bus.client()).isSameAs(client);
      assertThat(client.getTopic(bus.channel()).countSubscribers()).isEqualTo(1);

      server.close();

      assertThat(client.isShutdown()).isFalse();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> client.getTopic(bus.channel()).countSubscribers() == 0);
      client.shutdown();
    }
  }

  private static PleziRuntime runtime(TestServer server) {
    return (PleziRuntime) server.servletContext().getAttribute(PleziRuntime.ATTRIBUTE);
  }
}
