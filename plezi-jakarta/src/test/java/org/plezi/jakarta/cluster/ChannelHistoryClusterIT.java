package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.ChannelHistoryIT;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Channel history in Redis Streams (issue 18): two servers on a Redis server of the test's own;
 * offsets and epochs are the cluster's, a client recovers on another server than the one it left,
 * and a Redis that lost its data starts a new epoch, so recovery fails.
 */
@Timeout(180)
class ChannelHistoryClusterIT {
  private static final String CLUSTER = "plezi_history_it";
  private static final Pattern POSITION =
      Pattern.compile("\"epoch\":\"([A-Za-z0-9_-]+)\",\"offset\":(\\d+)");

  private static RedisServer redis;
  private static TestServer one;
  private static TestServer two;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    redis = RedisServer.start();
    Map<String, String> params =
        Map.of(
            "plezi.redis.url",
            redis.url(),
            "plezi.channel",
            CLUSTER,
            "plezi.channels.historySize",
            "5",
            "plezi.channels.history",
            "live:*=0");
    one = TestServer.start(params, HistoryRoom.class, PlainHistoryRoom.class);
    two = TestServer.start(params, HistoryRoom.class, PlainHistoryRoom.class);
    for (TestServer server : List.of(one, two)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> RedisClusterIT.bus(server).isConnected());
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    one.close();
    two.close();
    redis.close();
  }

  @AfterEach
  void closeClients() throws Exception {
    for (WsClient client : clients) {
      client.close();
    }
  }

  private WsClient joined(TestServer server, String positions) throws Exception {
    WsClient client = WsClient.connect(server.ws("/history"));
    clients.add(client);
    client.expectText("ready");
    if (positions != null) {
      client.send("{\"event\":\"_crec_\",\"c\":[" + positions + "]}");
    }
    client.send("{\"event\":\"join\"}");
    if (positions == null) {
      client.expectText("joined"); // else it may come among the replay (expectWithJoined)
    }
    return client;
  }

  private static void awaitSubscribers(long servers) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> redis.subscribers(CLUSTER + ":ch:h") == servers);
  }

  private static void publish(TestServer from, String text) {
    Plezi.messenger(from.servletContext()).publish("h", "said", text);
  }

  private static String said(String epoch, long offset, String text) {
    return "{\"_chan_\":{\"channel\":\"h\",\"epoch\":\""
        + epoch
        + "\",\"offset\":"
        + offset
        + "},\"event\":\"said\",\"text\":\""
        + text
        + "\"}";
  }

  private static String answer(boolean recovered) {
    return "{\"event\":\"_crec_\",\"channel\":\"h\",\"recovered\":" + recovered + "}";
  }

  /** The epoch and offset of a frame. */
  private static String[] position(String frame) {
    Matcher m = POSITION.matcher(frame);
    assertThat(m.find()).as(frame).isTrue();
    return new String[] {m.group(1), m.group(2)};
  }

  @Test
  void offsetsAreTheClustersAndAClientRecoversOnTheOtherServer() throws Exception {
    WsClient onOne = joined(one, null);
    WsClient onTwo = joined(two, null);
    awaitSubscribers(2);
    publish(one, "a");
    String first = onOne.nextText();
    assertThat(onTwo.nextText()).isEqualTo(first); // the same epoch and offset on both servers
    String[] at = position(first);
    String epoch = at[0];
    long seen = Long.parseLong(at[1]);
    publish(two, "b");
    onOne.expectText(said(epoch, seen + 1, "b"));
    onTwo.expectText(said(epoch, seen + 1, "b"));
    onOne.close();
    publish(two, "missed 1");
    onTwo.expectText(said(epoch, seen + 2, "missed 1")); // kept: the next comes after it
    publish(one, "missed 2");
    onTwo.expectText(said(epoch, seen + 3, "missed 2"));
    WsClient back = joined(two, "[\"h\",\"" + epoch + "\"," + (seen + 1) + "]");
    ChannelHistoryIT.expectWithJoined(
        back, said(epoch, seen + 2, "missed 1"), said(epoch, seen + 3, "missed 2"), answer(true));
    publish(one, "live");
    back.expectText(said(epoch, seen + 4, "live"));
    back.expectNothingMore();
    assertThat(redis.call("XLEN", CLUSTER + ":hs:{h}")).isEqualTo(":5"); // trimmed to the bound
    for (int i = 1; i <= 5; i++) {
      publish(one, "more " + i); // the stream keeps seen + 5 to seen + 9
    }
    for (int i = 1; i <= 5; i++) {
      back.expectText(said(epoch, seen + 4 + i, "more " + i)); // kept by now
    }
    WsClient late = joined(one, "[\"h\",\"" + epoch + "\"," + (seen + 3) + "]"); // 4 is gone
    ChannelHistoryIT.expectWithJoined(late, answer(false));
    late.expectNothingMore();
  }

  @Test
  void aChannelWhoseRuleKeepsNoneCrossesWithoutAPositionOrAStream() throws Exception {
    WsClient onTwo = WsClient.connect(two.ws("/plainhistory"));
    clients.add(onTwo);
    onTwo.expectText("ready");
    for (String channel : List.of("live:c1", "kept:c1")) {
      onTwo.send("join|" + channel);
      onTwo.expectText("joined " + channel);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> redis.subscribers(CLUSTER + ":ch:" + channel) == 1);
    }
    Plezi.messenger(one.servletContext()).publish("live:c1", "said", "x");
    Plezi.messenger(one.servletContext()).publish("kept:c1", "said", "y");
    List<String> got = List.of(onTwo.nextText(), onTwo.nextText()); // two paths: either order
    assertThat(got).contains("said x @none");
    String kept = got.get(got.get(0).equals("said x @none") ? 1 : 0);
    assertThat(kept).matches("said y @kept:c1 [A-Za-z0-9_-]+ 1");
    assertThat(redis.call("EXISTS", CLUSTER + ":hs:{live:c1}")).isEqualTo(":0");
    assertThat(redis.call("EXISTS", CLUSTER + ":hm:{live:c1}")).isEqualTo(":0");
    assertThat(redis.call("XLEN", CLUSTER + ":hs:{kept:c1}")).isEqualTo(":1");
    onTwo.send("rec|live:c1|" + kept.split(" ")[3] + "|0");
    onTwo.expectText("recovery live:c1 false");
    onTwo.expectNothingMore();
  }

  @Test
  void aServersPublicationsAreNumberedInTheOrderItMadeThem() throws Exception {
    WsClient onTwo = joined(two, null);
    awaitSubscribers(1);
    publish(one, "first");
    String[] at = position(onTwo.nextText());
    for (int i = 0; i < 200; i++) {
      publish(one, "n" + i); // flat out: the keeps must not overtake each other
    }
    for (int i = 0; i < 200; i++) {
      onTwo.expectText(said(at[0], Long.parseLong(at[1]) + 1 + i, "n" + i));
    }
  }

  @Test
  void aRedisThatLostItsDataStartsANewEpochAndRecoveryFails() throws Exception {
    WsClient stays = joined(one, null);
    awaitSubscribers(1);
    publish(one, "before");
    String[] at = position(stays.nextText());
    redis.stop();
    redis.startAgain(); // no persistence: the stream and its epoch are gone
    for (TestServer server : List.of(one, two)) {
      // Connected, and the link check ended any outage (during one, a publish reaches this
      // server's subscribers only, with no place in the history)
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  RedisClusterIT.bus(server).linkState().status()
                      == org.plezi.jakarta.internal.bus.LinkState.Status.CONNECTED);
    }
    awaitSubscribers(1); // Redisson subscribed again
    // A client that comes back with the old position is told that recovery failed
    WsClient back = joined(two, "[\"h\",\"" + at[0] + "\"," + at[1] + "]");
    ChannelHistoryIT.expectWithJoined(back, answer(false));
    // The first publication of the new epoch: the connected client is told too, then gets it
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              publish(one, "after");
              WsClient.Received frame = stays.poll(Duration.ofMillis(500));
              return frame instanceof WsClient.Text text && text.text().contains("recovered");
            });
    String next = stays.nextText();
    String[] now = position(next);
    assertThat(now[0]).isNotEqualTo(at[0]);
    assertThat(next).isEqualTo(said(now[0], Long.parseLong(now[1]), "after"));
    back.expectText(next); // the other server's subscriber too, without a failure: it had none
  }
}
