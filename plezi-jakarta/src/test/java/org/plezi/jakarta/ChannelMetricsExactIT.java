package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.cluster.ChannelChat;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Channel and presence counts (issues 17 and 19), exactly, on real Tomcats with real clients: the
 * sizes as connections subscribe, unsubscribe and close; messages published, delivered once per
 * subscriber, and received from another server or from {@code redis-cli} on a Redis of the test's
 * own; the same numbers through JMX. Each test starts servers of its own, so counts start at 0.
 *
 * <p>A count the publishing thread adds before its client is answered ("published", or the
 * Messenger's return) is asserted at once; deliveries of a message that came over Redis are counted
 * after the subscribers got it, so those are awaited (to an exact value).
 */
@Timeout(180)
class ChannelMetricsExactIT {
  private static final String CLUSTER = "plezi_channel_metrics_it";
  private static final String ROUTE = "/rooms";

  private final List<WsClient> clients = new ArrayList<>();

  @AfterEach
  void closeClients() throws Exception {
    for (WsClient client : clients) {
      client.close();
    }
  }

  private WsClient open(TestServer server) throws Exception {
    WsClient client = WsClient.connect(server.ws(ROUTE));
    clients.add(client);
    assertThat(client.nextText()).startsWith("uuid "); // written from onOpen: registered
    return client;
  }

  private static void command(WsClient client, String command, String answer) throws Exception {
    client.send(command);
    client.expectText(answer);
  }

  private static PleziMetrics.Channels channels(TestServer server) {
    return Plezi.metrics(server.servletContext()).channels();
  }

  private static long routeSubscriptions(TestServer server) {
    return Plezi.metrics(server.servletContext()).routes().get(ROUTE).channelSubscriptions();
  }

  /** A map of counts by mode. */
  private static Map<String, Long> modes(long event, long raw) {
    return Map.of("event", event, "raw", raw);
  }

  private static void awaitUntil(BooleanSupplier condition) {
    await().atMost(Duration.ofSeconds(30)).until(condition::getAsBoolean);
  }

  @Test
  void subscriptionsPublishesAndDeliveriesAreCountedExactlyOnOneServer() throws Exception {
    try (TestServer server = TestServer.start(Map.of(), ChannelChat.class)) {
      assertThat(channels(server))
          .isEqualTo(new PleziMetrics.Channels(0, 0, 0, modes(0, 0), modes(0, 0), modes(0, 0)));
      WsClient a = open(server);
      WsClient b = open(server);
      WsClient c = open(server);
      command(a, "sub:news", "subscribed news");
      command(b, "sub:news", "subscribed news");
      command(c, "subraw:news", "subscribed news");
      command(c, "sub:sports", "subscribed sports");
      command(c, "sub:sports", "subscribed sports"); // again: still one subscription
      PleziMetrics.Channels now = channels(server);
      assertThat(now.channels()).isEqualTo(2);
      assertThat(now.subscriptions()).isEqualTo(4);
      assertThat(routeSubscriptions(server)).isEqualTo(4);

      // From a controller: its own connection is skipped, and c takes news in raw mode only.
      command(a, "pub:news:hello", "published");
      b.expectText("say hello");
      assertThat(channels(server).published()).isEqualTo(modes(1, 0));
      assertThat(channels(server).delivered()).isEqualTo(modes(1, 0));
      Messenger messenger = Plezi.messenger(server.servletContext());
      messenger.publishRaw("news", "<b>raw</b>");
      c.expectText("<b>raw</b>");
      messenger.publish("sports", "say", "goal");
      c.expectText("say goal");
      messenger.publish("news", "say", "to all"); // the Messenger skips no one
      a.expectText("say to all");
      b.expectText("say to all");
      messenger.publish("empty", "say", "nobody hears this"); // published, delivered to none
      command(c, "raw:news:from c", "published"); // c is the only raw subscriber: skipped
      for (WsClient client : List.of(a, b, c)) {
        client.expectNothingMore();
      }
      now = channels(server);
      assertThat(now.published()).isEqualTo(modes(4, 2));
      assertThat(now.delivered()).isEqualTo(modes(4, 1));
      assertThat(now.received()).isEqualTo(modes(0, 0)); // the in-process bus: all our own

      command(b, "unsub:news", "unsubscribed news");
      command(b, "unsub:news", "unsubscribed news"); // not subscribed: nothing changes
      assertThat(channels(server).subscriptions()).isEqualTo(3);
      assertThat(routeSubscriptions(server)).isEqualTo(3);
      a.close();
      awaitUntil(() -> channels(server).subscriptions() == 2);
      assertThat(channels(server).channels()).isEqualTo(2); // news has c, sports has c
      assertThat(routeSubscriptions(server)).isEqualTo(2);
      c.close();
      awaitUntil(() -> channels(server).channels() == 0);
      now = channels(server);
      assertThat(now.subscriptions()).isZero();
      assertThat(routeSubscriptions(server)).isZero();
      assertThat(now.published()).isEqualTo(modes(4, 2));
      assertThat(now.delivered()).isEqualTo(modes(4, 1));

      // JMX shows the same numbers (its snapshot may be a second old).
      MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
      ObjectName deployment =
          beans
              .queryNames(
                  new ObjectName(
                      "org.plezi.jakarta:type=Deployment,server="
                          + ObjectName.quote(Plezi.serverUuid(server.servletContext()))
                          + ",*"),
                  null)
              .iterator()
              .next();
      command(b, "sub:late", "subscribed late");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> longAttribute(beans, deployment, "ChannelSubscriptions") == 1);
      assertThat(longAttribute(beans, deployment, "Channels")).isEqualTo(1);
      assertThat(longAttribute(beans, deployment, "PresenceMembers")).isZero();
      assertThat(mapAttribute(beans, deployment, "ChannelMessagesPublished"))
          .isEqualTo(modes(4, 2));
      assertThat(mapAttribute(beans, deployment, "ChannelMessagesDelivered"))
          .isEqualTo(modes(4, 1));
      assertThat(mapAttribute(beans, deployment, "ChannelMessagesReceived")).isEqualTo(modes(0, 0));
    }
  }

  @Test
  void presenceMembersArePairsOfChannelAndMemberAndTheirEventsArePublishedMessages()
      throws Exception {
    try (TestServer server = TestServer.start(Map.of(), ChannelChat.class)) {
      WsClient watcher = open(server);
      command(watcher, "sub:lounge", "subscribed lounge");
      WsClient tab1 = open(server);
      command(tab1, "login:erin", "logged in as erin");
      command(tab1, "track:lounge:Erin", "tracked lounge");
      watcher.expectText("join lounge erin {name=Erin}");
      assertThat(channels(server).presenceMembers()).isEqualTo(1);
      WsClient tab2 = open(server);
      command(tab2, "login:erin", "logged in as erin");
      command(tab2, "track:lounge:Erin", "tracked lounge");
      assertThat(channels(server).presenceMembers()).isEqualTo(1); // two tabs, one member
      WsClient finn = open(server);
      command(finn, "login:finn", "logged in as finn");
      command(finn, "track:lounge:Finn", "tracked lounge");
      watcher.expectText("join lounge finn {name=Finn}");
      command(finn, "track:hall", "tracked hall"); // a channel no one subscribes to
      assertThat(channels(server).presenceMembers()).isEqualTo(3);
      // Presence is no subscription: only the watcher's.
      assertThat(channels(server).subscriptions()).isEqualTo(1);

      tab1.close();
      command(tab2, "untrack:lounge", "untracked lounge");
      watcher.expectText("leave lounge erin"); // after the second of tab1's close and the untrack
      assertThat(channels(server).presenceMembers()).isEqualTo(2);
      finn.close();
      watcher.expectText("leave lounge finn");
      awaitUntil(() -> channels(server).presenceMembers() == 0);
      // Joins and leaves are events published to the channel: three of each (hall's too), of
      // which the watcher, in the lounge, got four.
      awaitUntil(() -> channels(server).published().get("event") == 6);
      awaitUntil(() -> channels(server).delivered().get("event") == 4);
      watcher.expectNothingMore();
      PleziMetrics.Channels now = channels(server);
      assertThat(now.published()).isEqualTo(modes(6, 0));
      assertThat(now.delivered()).isEqualTo(modes(4, 0));
      assertThat(now.received()).isEqualTo(modes(0, 0));
    }
  }

  @Test
  void withRedisWhatAnotherServerOrProgramPublishesIsReceivedAndOurOwnIsNot() throws Exception {
    try (RedisServer redis = RedisServer.start();
        TestServer a =
            TestServer.start(
                Map.of("plezi.redis.url", redis.url(), "plezi.channel", CLUSTER),
                ChannelChat.class);
        TestServer b =
            TestServer.start(
                Map.of("plezi.redis.url", redis.url(), "plezi.channel", CLUSTER),
                ChannelChat.class)) {
      awaitUntil(
          () ->
              Plezi.health(a.servletContext()).ready() && Plezi.health(b.servletContext()).ready());
      WsClient onA = open(a);
      WsClient rawOnA = open(a);
      WsClient onB = open(b);
      command(onA, "sub:feed", "subscribed feed");
      command(rawOnA, "subraw:feed", "subscribed feed");
      command(onB, "sub:feed", "subscribed feed");
      String feed = CLUSTER + ":ch:feed";
      awaitUntil(() -> subscribers(redis, feed) == 2);

      // An event from B: received and delivered on A; published on B, where the sender is skipped.
      command(onB, "pub:feed:hi", "published");
      onA.expectText("say hi");
      assertThat(channels(a).received()).isEqualTo(modes(1, 0));
      awaitUntil(() -> channels(a).delivered().equals(modes(1, 0)));
      assertThat(channels(a).published()).isEqualTo(modes(0, 0));
      assertThat(channels(b).published()).isEqualTo(modes(1, 0));
      assertThat(channels(b).delivered()).isEqualTo(modes(0, 0));

      // Raw text from redis-cli: received on both servers, delivered on A (B has no raw
      // subscriber).
      assertThat(redis.publishWithCli(feed, "plain text")).isEqualTo("2");
      rawOnA.expectText("plain text");
      assertThat(channels(a).received()).isEqualTo(modes(1, 1));
      awaitUntil(() -> channels(b).received().equals(modes(0, 1)));

      // A's own publish comes back to A from Redis and is dropped there: not received. Redis sends
      // a channel's messages in order, so once the marker arrived A has seen its own publish.
      Plezi.messenger(a.servletContext()).publishRaw("feed", "from a");
      rawOnA.expectText("from a");
      assertThat(redis.publishWithCli(feed, "marker")).isEqualTo("2");
      rawOnA.expectText("marker");
      assertThat(channels(a).received()).isEqualTo(modes(1, 2));
      assertThat(channels(a).published()).isEqualTo(modes(0, 1));
      awaitUntil(() -> channels(b).received().equals(modes(0, 3)));

      // A payload the codec refuses counts in the bus's rejections, not as a channel message.
      redis.publishWithCli(feed, "---\n:method: !!java.lang.ProcessBuilder [x]\n:server: evil\n");
      assertThat(redis.publishWithCli(feed, "second marker")).isEqualTo("2");
      rawOnA.expectText("second marker");
      assertThat(Plezi.metrics(a.servletContext()).bus().rejected()).isEqualTo(1);
      assertThat(channels(a).received()).isEqualTo(modes(1, 3));
      awaitUntil(() -> channels(a).delivered().equals(modes(1, 4)));
      awaitUntil(() -> Plezi.metrics(b.servletContext()).bus().rejected() == 1);
      awaitUntil(() -> channels(b).received().equals(modes(0, 4)));
      assertThat(channels(b).delivered()).isEqualTo(modes(0, 0));
      for (WsClient client : List.of(onA, rawOnA, onB)) {
        client.expectNothingMore();
      }
      assertThat(channels(a).channels()).isEqualTo(1);
      assertThat(channels(a).subscriptions()).isEqualTo(2);
      assertThat(channels(b).subscriptions()).isEqualTo(1);
    }
  }

  private static long subscribers(RedisServer redis, String channel) {
    try {
      return redis.subscribers(channel);
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private static long longAttribute(MBeanServer beans, ObjectName name, String attribute)
      throws Exception {
    return ((Number) beans.getAttribute(name, attribute)).longValue();
  }

  /** An MXBean map attribute (a table of key and value rows) as a map. */
  private static Map<String, Long> mapAttribute(
      MBeanServer beans, ObjectName name, String attribute) throws Exception {
    Map<String, Long> map = new java.util.HashMap<>();
    for (Object row : ((TabularData) beans.getAttribute(name, attribute)).values()) {
      CompositeData data = (CompositeData) row;
      map.put((String) data.get("key"), (Long) data.get("value"));
    }
    return map;
  }
}
