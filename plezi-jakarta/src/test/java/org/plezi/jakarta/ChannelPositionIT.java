package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.cluster.HookedHistoryRoom;
import org.plezi.jakarta.cluster.PlainHistoryRoom;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * The position API for controllers that are not auto-dispatch (issue 18): {@code channelPosition()}
 * while an event method runs, {@code recoverChannel} from a position the client sent in the
 * controller's own protocol, and {@code onChannelRecovery} with the answers a {@code _crec_} frame
 * gets. Real Tomcat, real clients, the in-memory history ({@code historySize=5}). Each test uses
 * channels of its own, so their offsets start at 1.
 */
@Timeout(60)
public class ChannelPositionIT {
  private static final Pattern SAID =
      Pattern.compile("said (\\S+) @(\\S+) ([A-Za-z0-9_-]+) (\\d+)");

  private static TestServer server;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            Map.of("plezi.channels.historySize", "5", "plezi.channels.history", "live:*=0"),
            PlainHistoryRoom.class,
            HookedHistoryRoom.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeClients() throws Exception {
    for (WsClient client : clients) {
      client.close();
    }
  }

  private WsClient open() throws Exception {
    WsClient client = WsClient.connect(server.ws("/plainhistory"));
    clients.add(client);
    client.expectText("ready");
    return client;
  }

  private WsClient joined(String channel) throws Exception {
    WsClient client = open();
    client.send("join|" + channel);
    client.expectText("joined " + channel);
    return client;
  }

  private static void publish(String channel, String text) {
    Plezi.messenger(server.servletContext()).publish(channel, "said", text);
  }

  /** Publishes {@code text}, reads it on {@code client}: its epoch. */
  private static String publishAndReadEpoch(WsClient client, String channel, String text, long at)
      throws Exception {
    publish(channel, text);
    String frame = client.nextText();
    Matcher said = SAID.matcher(frame);
    assertThat(said.matches()).as(frame).isTrue();
    assertThat(said.group(1)).isEqualTo(text);
    assertThat(said.group(2)).isEqualTo(channel);
    assertThat(Long.parseLong(said.group(4))).isEqualTo(at);
    return said.group(3);
  }

  private static String said(String text, String channel, String epoch, long offset) {
    return "said " + text + " @" + channel + " " + epoch + " " + offset;
  }

  @Test
  void theEventMethodSeesItsPublicationsPositionAndNoOtherCallbackDoes() throws Exception {
    WsClient client = joined("pos1");
    String epoch = publishAndReadEpoch(client, "pos1", "a", 1);
    assertThat(publishAndReadEpoch(client, "pos1", "b", 2)).isEqualTo(epoch);
    client.send("pos");
    client.expectText("pos null"); // onMessage is not an event method of a publication
    // A broadcast runs the same event method, outside any channel: no position
    Plezi.messenger(server.servletContext()).broadcast(PlainHistoryRoom.class, "said", "x");
    client.expectText("said x @none");
    client.expectNothingMore(); // and a controller that is not auto-dispatch gets no _chan_ frame
  }

  @Test
  void aPositionFromTheControllersOwnProtocolReplaysWhatWasMissedThenLiveGoesOn() throws Exception {
    WsClient before = joined("pos2");
    String epoch = publishAndReadEpoch(before, "pos2", "seen", 1);
    before.close();
    publish("pos2", "missed1");
    publish("pos2", "missed2");
    WsClient back = open();
    back.send("rec|pos2|" + epoch + "|1"); // before the subscription: it waits for it
    back.send("join|pos2");
    expectWithJoined(
        back,
        "joined pos2",
        said("missed1", "pos2", epoch, 2),
        said("missed2", "pos2", epoch, 3),
        "recovery pos2 true");
    publish("pos2", "live");
    back.expectText(said("live", "pos2", epoch, 4));
    back.expectNothingMore();
  }

  @Test
  void aSubscriptionFirstThenThePositionRecoversToo() throws Exception {
    WsClient before = joined("pos3");
    String epoch = publishAndReadEpoch(before, "pos3", "seen", 1);
    before.close();
    publish("pos3", "missed");
    WsClient back = joined("pos3");
    back.send("rec|pos3|" + epoch + "|1");
    back.expectText(said("missed", "pos3", epoch, 2));
    back.expectText("recovery pos3 true");
    back.send("rec|pos3|" + epoch + "|1"); // once per subscription: ignored
    publish("pos3", "live");
    back.expectText(said("live", "pos3", epoch, 3));
    back.expectNothingMore();
  }

  @Test
  void aPositionTheHistoryNoLongerCoversIsAFailedRecovery() throws Exception {
    WsClient before = joined("pos4");
    String epoch = publishAndReadEpoch(before, "pos4", "seen", 1);
    before.close();
    for (int i = 0; i < 6; i++) {
      publish("pos4", "missed" + i); // the history keeps 5
    }
    WsClient trimmed = open();
    trimmed.send("rec|pos4|" + epoch + "|1");
    trimmed.send("join|pos4");
    expectWithJoined(trimmed, "joined pos4", "recovery pos4 false");
    WsClient other = joined("pos4");
    other.send("rec|pos4|notTheEpoch|7");
    other.expectText("recovery pos4 false");
    WsClient future = joined("pos4");
    future.send("rec|pos4|" + epoch + "|100");
    future.expectText("recovery pos4 false");
    WsClient none = joined("pos4never");
    none.send("rec|pos4never|" + epoch + "|0"); // a channel that never published
    none.expectText("recovery pos4never false");
    publish("pos4", "live");
    for (WsClient client : List.of(trimmed, other, future)) {
      client.expectText(said("live", "pos4", epoch, 8));
      client.expectNothingMore();
    }
  }

  @Test
  void everyBadPositionIsRefusedWithTheCrecWordsAndRecoversNothing() throws Exception {
    WsClient before = joined("pos5");
    String e = publishAndReadEpoch(before, "pos5", "seen", 1);
    publish("pos5", "missed");
    before.expectText(said("missed", "pos5", e, 2));
    String name = "a channel name must be 1 to 200 characters of A-Z a-z 0-9 _ . : / @ -";
    String epoch = "an epoch must be 1 to 64 characters of A-Z a-z 0-9 _ -";
    String offset = "an offset must be a whole number from 0 to 2^63-1";
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("rec||" + e + "|1", name);
    bad.put("rec|null|" + e + "|1", name);
    bad.put("rec|h h|" + e + "|1", name);
    bad.put("rec|" + "h".repeat(201) + "|" + e + "|1", name);
    bad.put("rec|pos5||1", epoch);
    bad.put("rec|pos5|null|1", epoch);
    bad.put("rec|pos5|" + "e".repeat(65) + "|1", epoch);
    bad.put("rec|pos5|a\"b|1", epoch);
    bad.put("rec|pos5|a.b|1", epoch);
    bad.put("rec|pos5|" + e + "|-1", offset);
    bad.put("rec|pos5|" + e + "|" + Long.MIN_VALUE, offset);
    WsClient back = open();
    for (Map.Entry<String, String> request : bad.entrySet()) {
      back.send(request.getKey());
      back.expectText("refused: " + request.getValue());
    }
    back.send("join|pos5");
    back.expectText("joined pos5");
    back.expectNothingMore(); // no replay, no answer: no bad request asked for one
    // The longest valid channel name and epoch are accepted
    String longest = "c".repeat(200);
    WsClient edge = joined(longest);
    edge.send("rec|" + longest + "|" + "e".repeat(64) + "|" + Long.MAX_VALUE);
    edge.expectText("recovery " + longest + " false");
    // A good one after the bad ones still works
    back.send("leave|pos5");
    back.expectText("left pos5");
    back.send("rec|pos5|" + e + "|1");
    back.send("join|pos5");
    expectWithJoined(back, "joined pos5", said("missed", "pos5", e, 2), "recovery pos5 true");
  }

  @Test
  void aChannelWhoseRuleKeepsNoneHasNoPositionWhileAnotherOnTheSameServerKeepsSome()
      throws Exception {
    WsClient client = joined("live:cursor");
    client.send("join|kept6");
    client.expectText("joined kept6");
    publish("live:cursor", "x");
    client.expectText("said x @none"); // no position: not kept
    String epoch = publishAndReadEpoch(client, "kept6", "y", 1);
    client.send("rec|live:cursor|" + epoch + "|0");
    client.expectText("recovery live:cursor false"); // at once: the channel keeps nothing
    client.close();
    publish("live:cursor", "gone");
    publish("kept6", "missed");
    WsClient back = open();
    back.send("rec|live:cursor|" + epoch + "|0");
    back.send("rec|kept6|" + epoch + "|1");
    back.expectText("recovery live:cursor false");
    back.send("join|kept6");
    expectWithJoined(
        back, "joined kept6", said("missed", "kept6", epoch, 2), "recovery kept6 true");
    back.expectNothingMore();
  }

  @Test
  void anAutoDispatchControllerGetsTheHookAfterTheCrecFrameAndThePositionBeforeItsTag()
      throws Exception {
    WsClient before = joined("pos7");
    String epoch = publishAndReadEpoch(before, "pos7", "seen", 1);
    publish("pos7", "missed");
    WsClient auto = WsClient.connect(server.ws("/hookedhistory"));
    clients.add(auto);
    auto.expectText("ready");
    auto.send("{\"event\":\"_crec_\",\"c\":[[\"pos7\",\"" + epoch + "\",1]]}");
    auto.send("{\"event\":\"join\",\"channel\":\"pos7\"}");
    String tag = "{\"channel\":\"pos7\",\"epoch\":\"" + epoch + "\",\"offset\":2}";
    expectWithJoined(
        auto,
        "joined",
        "position pos7 2", // written by the event method, which replies nothing:
        "{\"event\":\"_chan_\",\"_chan_\":" + tag + "}", // then the position alone
        "{\"event\":\"_crec_\",\"channel\":\"pos7\",\"recovered\":true}",
        "hook pos7 true");
    auto.send("{\"event\":\"_crec_\",\"c\":[[\"pos7never\",\"" + epoch + "\",1]]}");
    auto.send("{\"event\":\"join\",\"channel\":\"pos7never\"}");
    expectWithJoined(
        auto,
        "joined",
        "{\"event\":\"_crec_\",\"channel\":\"pos7never\",\"recovered\":false}",
        "hook pos7never false");
    auto.expectNothingMore();
  }

  /** The next frames: {@code frames} in order, but {@code joined} anywhere among them. */
  private static void expectWithJoined(WsClient client, String joined, String... frames)
      throws Exception {
    List<String> got = new ArrayList<>();
    for (int i = 0; i <= frames.length; i++) {
      got.add(client.nextText());
    }
    assertThat(got).as("frames").contains(joined);
    got.remove(joined);
    assertThat(got).containsExactly(frames);
  }
}
