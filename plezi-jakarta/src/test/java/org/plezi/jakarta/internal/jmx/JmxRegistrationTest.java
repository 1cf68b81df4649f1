package org.plezi.jakarta.internal.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.PleziHealth;
import org.plezi.jakarta.PleziMetrics;
import org.plezi.jakarta.internal.metrics.ChannelMetrics;
import org.plezi.jakarta.internal.metrics.ConnectionSample;
import org.plezi.jakarta.internal.metrics.Metrics;
import org.plezi.jakarta.internal.metrics.RouteMetrics;

class JmxRegistrationTest {
  private static final String UUID = "3b241101-e2bb-4255-8caf-4136c566a962";

  /** A server of the test's own (the factory keeps none), so nothing else sees these names. */
  private final MBeanServer server = MBeanServerFactory.newMBeanServer();

  private final Metrics metrics = new Metrics(true, UUID, Clock.systemUTC());
  private final RouteMetrics room = metrics.addRoute("/room/{name}", "com.example.Room");
  private final AtomicInteger snapshots = new AtomicInteger();
  private final Supplier<PleziMetrics> snapshot =
      () -> {
        snapshots.incrementAndGet();
        return metrics.snapshot(null, "local", 0, 0);
      };
  private final Supplier<PleziHealth> health =
      () -> PleziHealth.of(UUID, true, false, PleziHealth.Redis.NOT_CONFIGURED);

  @Test
  void namesCarryTheQuotedContextPathServerAndRoute() {
    assertThat(JmxRegistration.deploymentName("/", UUID).toString())
        .isEqualTo("org.plezi.jakarta:type=Deployment,context=\"/\",server=\"" + UUID + "\"");
    ObjectName route = JmxRegistration.routeName("/chat", UUID, "/room/{name}");
    assertThat(route.getKeyProperty("route")).isEqualTo("\"/room/{name}\"");
    assertThat(ObjectName.unquote(route.getKeyProperty("context"))).isEqualTo("/chat");
  }

  @Test
  void theBeansShowTheDeploymentAndEachRoute() throws Exception {
    room.opened();
    room.closed(4001);
    room.opened();
    try (JmxRegistration registration =
        JmxRegistration.register(server, "", UUID, List.of("/room/{name}"), snapshot, health)) {
      ObjectName deployment = JmxRegistration.deploymentName("/", UUID);
      ObjectName route = JmxRegistration.routeName("/", UUID, "/room/{name}");
      assertThat(registration.names()).containsExactly(deployment, route);
      assertThat(server.getAttribute(deployment, "Ready")).isEqualTo(true);
      assertThat(server.getAttribute(deployment, "Redis")).isEqualTo("NOT_CONFIGURED");
      assertThat(server.getAttribute(deployment, "ContextPath")).isEqualTo("/");
      assertThat(server.getAttribute(deployment, "Connections")).isEqualTo(1L);
      assertThat(server.getAttribute(route, "Opened")).isEqualTo(2L);
      assertThat(server.getAttribute(route, "Controller")).isEqualTo("com.example.Room");
      TabularData closes = (TabularData) server.getAttribute(route, "Closes");
      CompositeData row = closes.get(new Object[] {"4001"});
      assertThat(row.get("value")).isEqualTo(1L);
    }
    assertThat(server.queryNames(new ObjectName(JmxRegistration.DOMAIN + ":*"), null)).isEmpty();
  }

  /** Channel sizes as the deployment's registries would report them. */
  private record ChannelSizes(long channels, long subscriptions, long presenceMembers)
      implements ChannelMetrics.Gauges {}

  @Test
  void theDeploymentShowsChannelsAndPresenceAndEachRouteItsSubscriptions() throws Exception {
    metrics.sampleChannels(new ChannelSizes(2, 3, 1));
    metrics.channels().published(false);
    metrics.channels().published(true);
    metrics.channels().received(true);
    metrics.channels().delivered(false, 3);
    Supplier<PleziMetrics> sampled =
        () -> metrics.snapshot(sink -> sink.connection(room, subscribed(3)), "local", 0, 0);
    try (JmxRegistration registration =
        JmxRegistration.register(server, "/chat", UUID, List.of("/room/{name}"), sampled, health)) {
      ObjectName deployment = JmxRegistration.deploymentName("/chat", UUID);
      ObjectName route = JmxRegistration.routeName("/chat", UUID, "/room/{name}");
      assertThat(server.getAttribute(deployment, "Channels")).isEqualTo(2L);
      assertThat(server.getAttribute(deployment, "ChannelSubscriptions")).isEqualTo(3L);
      assertThat(server.getAttribute(deployment, "PresenceMembers")).isEqualTo(1L);
      assertThat(byKey(server.getAttribute(deployment, "ChannelMessagesPublished")))
          .containsExactlyInAnyOrderEntriesOf(Map.of("event", 1L, "raw", 1L));
      assertThat(byKey(server.getAttribute(deployment, "ChannelMessagesReceived")))
          .containsExactlyInAnyOrderEntriesOf(Map.of("event", 0L, "raw", 1L));
      assertThat(byKey(server.getAttribute(deployment, "ChannelMessagesDelivered")))
          .containsExactlyInAnyOrderEntriesOf(Map.of("event", 3L, "raw", 0L));
      assertThat(server.getAttribute(route, "ChannelSubscriptions")).isEqualTo(3L);
    }
  }

  /** An MXBean map attribute (open type: a table of key and value rows) as a map. */
  private static Map<String, Long> byKey(Object attribute) {
    Map<String, Long> map = new HashMap<>();
    for (Object row : ((TabularData) attribute).values()) {
      CompositeData data = (CompositeData) row;
      map.put((String) data.get("key"), (Long) data.get("value"));
    }
    return map;
  }

  @Test
  void attributesReadTogetherShareOneSnapshot() throws Exception {
    try (JmxRegistration registration =
        JmxRegistration.register(server, "/chat", UUID, List.of(), snapshot, health)) {
      ObjectName deployment = JmxRegistration.deploymentName("/chat", UUID);
      server.getAttributes(
          deployment,
          new String[] {"Connections", "UnicastsFailed", "BusPublished", "MailboxAppends"});
      assertThat(snapshots).hasValue(1);
    }
  }

  @Test
  void aNameAlreadyTakenIsSkippedAndTheOthersRegister() throws Exception {
    try (JmxRegistration first =
            JmxRegistration.register(server, "/a", UUID, List.of(), snapshot, health);
        JmxRegistration second =
            JmxRegistration.register(
                server, "/a", UUID, List.of("/room/{name}"), snapshot, health)) {
      assertThat(first.names()).hasSize(1);
      assertThat(second.names())
          .containsExactly(JmxRegistration.routeName("/a", UUID, "/room/{name}"));
      second.close();
      assertThat(server.isRegistered(JmxRegistration.deploymentName("/a", UUID))).isTrue();
    }
  }

  @Test
  void closingTwiceIsHarmless() {
    JmxRegistration registration =
        JmxRegistration.register(server, "/a", UUID, List.of(), snapshot, health);
    registration.close();
    registration.close();
    assertThat(registration.names()).isEmpty();
  }

  @Test
  void aMemoComputesAgainOnlyOnceStale() {
    long[] now = {0};
    AtomicInteger computed = new AtomicInteger();
    Memo<Integer> memo = new Memo<>(computed::incrementAndGet, 100, () -> now[0]);
    assertThat(memo.get()).isEqualTo(1);
    now[0] = 99;
    assertThat(memo.get()).isEqualTo(1);
    now[0] = 100;
    assertThat(memo.get()).isEqualTo(2);
  }

  private static ConnectionSample subscribed(long channels) {
    ConnectionSample sample = new ConnectionSample();
    sample.subscriptions(channels);
    return sample;
  }
}
