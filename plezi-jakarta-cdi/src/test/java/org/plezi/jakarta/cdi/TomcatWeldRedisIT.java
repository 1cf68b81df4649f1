package org.plezi.jakarta.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.cdi.redis.ChannelSettings;
import org.plezi.jakarta.cdi.redis.ClusterRoom;
import org.plezi.jakarta.cdi.redis.RedisClientProducer;
import org.plezi.jakarta.cdi.redis.RedisUrlSettings;
import org.plezi.jakarta.cdi.redis.RoomAnnouncer;
import org.plezi.jakarta.cdi.testing.CdiServer;
import org.plezi.jakarta.internal.redis.RedisBus;
import org.plezi.jakarta.internal.runtime.PleziRuntime;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;
import org.redisson.api.RedissonClient;

/**
 * Redis configured from CDI, on embedded Tomcat 10.1 with Weld Servlet and a real redis-server:
 * servers A and B produce their own {@code RedissonClient}, server C gives {@code plezi.redis.url}
 * through its {@code PleziSettings} producer; all three share one channel, set by their producers
 * too.
 */
@Timeout(120)
class TomcatWeldRedisIT {
  private static RedisServer redis;
  private static final List<WeldContainer> containers = new ArrayList<>();
  private static final List<TestServer> servers = new ArrayList<>();
  private static TestServer a;
  private static TestServer b;
  private static TestServer c;

  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    redis = RedisServer.start();
    System.setProperty(RedisClientProducer.URL_PROPERTY, redis.url());
    a =
        server(
            ClusterRoom.class,
            RoomAnnouncer.class,
            RedisClientProducer.class,
            ChannelSettings.class);
    b =
        server(
            ClusterRoom.class,
            RoomAnnouncer.class,
            RedisClientProducer.class,
            ChannelSettings.class);
    c = server(ClusterRoom.class, RoomAnnouncer.class, RedisUrlSettings.class);
    for (TestServer server : servers) {
      await().atMost(Duration.ofSeconds(60)).until(() -> bus(server).isConnected());
    }
  }

  /** A server whose application has these beans, in a CDI container of its own. */
  private static TestServer server(Class<?>... beans) {
    WeldContainer container =
        new Weld("plezi-redis-" + containers.size())
            .disableDiscovery()
            .addExtension(new PleziExtension())
            .addBeanClasses(beans)
            .initialize();
    containers.add(container);
    TestServer server = CdiServer.start(container.getBeanManager(), ClusterRoom.class);
    servers.add(server);
    return server;
  }

  @AfterAll
  static void stopCluster() throws Exception {
    servers.forEach(TestServer::close);
    containers.forEach(WeldContainer::shutdown);
    System.clearProperty(RedisClientProducer.URL_PROPERTY);
    if (redis != null) {
      redis.close();
    }
  }

  @AfterEach
  void closeClients() throws Exception {
    for (WsClient client : clients) {
      client.close();
    }
  }

  private static RedisBus bus(TestServer server) {
    PleziRuntime runtime =
        (PleziRuntime) server.servletContext().getAttribute(PleziRuntime.ATTRIBUTE);
    return (RedisBus) runtime.messaging().bus();
  }

  private WsClient join(TestServer server) throws Exception {
    WsClient client = WsClient.connect(server.ws("/room"));
    clients.add(client);
    client.expectText("joined");
    return client;
  }

  @Test
  void serversWithProducedRedisClientsExchangeBroadcastsBothWays() throws Exception {
    WsClient onA = join(a);
    WsClient onB = join(b);

    onA.send("hello from A");
    onB.expectText("said hello from A");

    onB.send("hello from B");
    onA.expectText("said hello from B");
    onA.expectNothingMore();
    onB.expectNothingMore();
  }

  @Test
  void busRunsOverTheClientTheApplicationProduced() {
    for (int i = 0; i < 2; i++) {
      RedissonClient produced = containers.get(i).select(RedissonClient.class).get();

      assertThat(bus(servers.get(i)).client().getId()).isEqualTo(produced.getId());
      assertThat(bus(servers.get(i)).channel()).isEqualTo(ChannelSettings.CHANNEL);
    }
    assertThat(bus(a).client().getId()).isNotEqualTo(bus(b).client().getId());
  }

  @Test
  void settingsProducerWithARedisUrlJoinsTheSameCluster() throws Exception {
    WsClient onA = join(a);
    WsClient onC = join(c);

    onA.send("to C");
    onC.expectText("said to C");

    onC.send("to A");
    onA.expectText("said to A");
    assertThat(bus(c).channel()).isEqualTo(ChannelSettings.CHANNEL);
  }

  @Test
  void messengerBeanOfOneServerReachesConnectionsOfTheOthers() throws Exception {
    WsClient onA = join(a);
    WsClient onC = join(c);

    containers.get(1).select(RoomAnnouncer.class).get().announce("from B's bean");

    onA.expectText("said from B's bean");
    onC.expectText("said from B's bean");
  }
}
