package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.plezi.jakarta.cluster.HistoryRoom;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * Channel history and recovery on one server (issue 18): real Tomcat, real clients, the in-memory
 * history ({@code plezi.channels.historySize=5}).
 */
@Timeout(60)
public class ChannelHistoryIT {
  private static final Pattern EPOCH = Pattern.compile("\"epoch\":\"([A-Za-z0-9_-]+)\"");

  private static TestServer server;
  private final List<WsClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("plezi.channels.historySize", "5"), HistoryRoom.class);
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

  private WsClient open(String query) throws Exception {
    WsClient client = WsClient.connect(server.ws("/history" + query));
    clients.add(client);
    client.expectText("ready");
    return client;
  }

  private WsClient joined() throws Exception {
    WsClient client = open("");
    client.send("{\"event\":\"join\"}");
    client.expectText("joined");
    return client;
  }

  /**
   * The next frames: {@code frames} in this order, with "joined" anywhere among them (the join
   * handler writes it while the connection's inbox may already be replaying).
   */
  public static void expectWithJoined(WsClient client, String... frames) throws Exception {
    List<String> got = new ArrayList<>();
    for (int i = 0; i <= frames.length; i++) {
      got.add(client.nextText());
    }
    assertThat(got).as("frames").contains("joined");
    got.remove("joined");
    assertThat(got).containsExactly(frames);
  }

  private static void publish(String text) {
    Plezi.messenger(server.servletContext()).publish("h", "said", text);
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

  /** Publishes one message, reads it on {@code client}, returns the epoch and its offset. */
  private static String[] publishAndRead(WsClient client, String text) throws Exception {
    publish(text);
    String frame = client.nextText();
    Matcher epoch = EPOCH.matcher(frame);
    assertThat(epoch.find()).as(frame).isTrue();
    Matcher offset = Pattern.compile("\"offset\":(\\d+)").matcher(frame);
    assertThat(offset.find()).isTrue();
    assertThat(frame).isEqualTo(said(epoch.group(1), Long.parseLong(offset.group(1)), text));
    return new String[] {epoch.group(1), offset.group(1)};
  }

  @Test
  void publicationsCarryTheirEpochAndAnOffsetOneMoreEachTime() throws Exception {
    WsClient client = joined();
    String[] first = publishAndRead(client, "a");
    String[] second = publishAndRead(client, "b");
    assertThat(second[0]).isEqualTo(first[0]);
    assertThat(Long.parseLong(second[1])).isEqualTo(Long.parseLong(first[1]) + 1);
    Plezi.messenger(server.servletContext()).publish("h", "quiet", "x");
    client.expectText(
        "{\"event\":\"_chan_\",\"_chan_\":{\"channel\":\"h\",\"epoch\":\""
            + first[0]
            + "\",\"offset\":"
            + (Long.parseLong(first[1]) + 2)
            + "}}"); // an event method that replies nothing: the position alone
    client.expectNothingMore();
  }

  /**
   * A controller publish skips its sender: before, the sender's cursor did not move past its own
   * publication, so the next one looked like a gap and the history handed the sender what it had
   * published (found by RedisClusterModeIT once its servers kept history). Now it is told the
   * position alone and its event method does not run.
   */
  @Test
  void theSenderOfAControllerPublishIsToldItsPositionAndNeverHandedItLater() throws Exception {
    WsClient sender = joined();
    WsClient other = joined();
    String[] at = publishAndRead(sender, "first");
    other.nextText();
    long offset = Long.parseLong(at[1]);
    sender.send("{\"event\":\"tell\",\"text\":\"mine\"}");
    // The answer and the position frame, in either order (the frame is the inbox's, the answer
    // the event method's; a run saw the frame first)
    assertThat(List.of(sender.nextText(), sender.nextText()))
        .containsExactlyInAnyOrder(
            "told",
            "{\"event\":\"_chan_\",\"_chan_\":{\"channel\":\"h\",\"epoch\":\""
                + at[0]
                + "\",\"offset\":"
                + (offset + 1)
                + "}}");
    other.expectText(said(at[0], offset + 1, "mine"));
    publish("next");
    sender.expectText(said(at[0], offset + 2, "next")); // not "mine" first, as a gap's filling
    other.expectText(said(at[0], offset + 2, "next"));
    sender.expectNothingMore();
  }

  @Test
  void positionsSentBeforeTheSubscriptionReplayWhatWasMissedBeforeLive() throws Exception {
    WsClient before = joined();
    String[] seen = publishAndRead(before, "seen");
    before.close();
    publish("missed 1");
    publish("missed 2");
    long last = Long.parseLong(seen[1]);
    WsClient back = open("");
    back.send("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + seen[0] + "\"," + last + "]]}");
    back.send("{\"event\":\"join\"}");
    expectWithJoined(
        back,
        said(seen[0], last + 1, "missed 1"),
        said(seen[0], last + 2, "missed 2"),
        answer(true));
    publish("live");
    back.expectText(said(seen[0], last + 3, "live"));
    back.expectNothingMore();
  }

  @Test
  void aSubscriptionMadeInOnOpenRecoversWhenThePositionsArrive() throws Exception {
    WsClient before = joined();
    String[] seen = publishAndRead(before, "seen");
    before.close();
    publish("missed");
    long last = Long.parseLong(seen[1]);
    WsClient back = open("?sub=1");
    back.send("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + seen[0] + "\"," + last + "]]}");
    back.expectText(said(seen[0], last + 1, "missed"));
    back.expectText(answer(true));
    publish("live");
    back.expectText(said(seen[0], last + 2, "live"));
    back.expectNothingMore();
  }

  @Test
  void aHistoryTrimmedPastThePositionIsAFailedRecoveryThenLiveGoesOn() throws Exception {
    WsClient before = joined();
    String[] seen = publishAndRead(before, "seen");
    before.close();
    for (int i = 0; i < 6; i++) {
      publish("missed " + i); // the history keeps 5
    }
    long last = Long.parseLong(seen[1]);
    WsClient back = open("");
    back.send("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + seen[0] + "\"," + last + "]]}");
    back.send("{\"event\":\"join\"}");
    expectWithJoined(back, answer(false));
    publish("live");
    back.expectText(said(seen[0], last + 7, "live"));
    back.expectNothingMore();
  }

  @Test
  void anotherEpochOrAnOffsetNeverReachedIsAFailedRecovery() throws Exception {
    WsClient before = joined();
    String[] seen = publishAndRead(before, "seen");
    long last = Long.parseLong(seen[1]);
    WsClient other = open("");
    other.send("{\"event\":\"_crec_\",\"c\":[[\"h\",\"notTheEpoch\"," + last + "]]}");
    other.send("{\"event\":\"join\"}");
    expectWithJoined(other, answer(false));
    WsClient future = open("");
    future.send("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + seen[0] + "\"," + (last + 100) + "]]}");
    future.send("{\"event\":\"join\"}");
    expectWithJoined(future, answer(false));
    other.expectNothingMore();
    future.expectNothingMore();
  }

  @Test
  void aResubscriptionWithoutPositionsStartsLiveWithoutAReplay() throws Exception {
    WsClient client = joined();
    String[] seen = publishAndRead(client, "seen");
    client.send("{\"event\":\"leave\"}");
    client.expectText("left");
    publish("while out");
    client.send("{\"event\":\"join\"}");
    client.expectText("joined");
    publish("back");
    client.expectText(said(seen[0], Long.parseLong(seen[1]) + 2, "back"));
    client.expectNothingMore();
  }

  @Test
  void everyMalformedRecoveryFrameGets400AndRecoversNothing() throws Exception {
    WsClient before = joined();
    String[] seen = publishAndRead(before, "seen");
    String e = seen[0];
    long last = Long.parseLong(seen[1]);
    publish("missed");
    StringBuilder tooMany = new StringBuilder("[");
    for (int i = 0; i < 101; i++) {
      tooMany.append(i == 0 ? "" : ",").append("[\"h").append(i).append("\",\"e\",1]");
    }
    tooMany.append(']');
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put(
        "{\"event\":\"_crec_\"}",
        "\"c\" must be an array of 1 to 100 [channel, epoch, offset] entries");
    bad.put("{\"event\":\"_crec_\",\"c\":{}}", null);
    bad.put("{\"event\":\"_crec_\",\"c\":[]}", null);
    bad.put("{\"event\":\"_crec_\",\"c\":" + tooMany + "}", null);
    String entry = "each entry of \"c\" must be [channel, epoch, offset]";
    bad.put("{\"event\":\"_crec_\",\"c\":[\"h\"]}", entry);
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + e + "\"]]}", entry);
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + e + "\",1,2]]}", entry);
    bad.put("{\"event\":\"_crec_\",\"c\":[[1,\"" + e + "\",1]]}", entry);
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"h\",7,1]]}", entry);
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + e + "\",\"1\"]]}", entry);
    String name = "a channel name must be 1 to 200 characters of A-Z a-z 0-9 _ . : / @ -";
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"\",\"" + e + "\",1]]}", name);
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"h h\",\"" + e + "\",1]]}", name);
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"" + "h".repeat(201) + "\",\"" + e + "\",1]]}", name);
    String epoch = "an epoch must be 1 to 64 characters of A-Z a-z 0-9 _ -";
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"h\",\"\",1]]}", epoch);
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + "e".repeat(65) + "\",1]]}", epoch);
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"h\",\"a\\\"b\",1]]}", epoch);
    String offset = "an offset must be a whole number from 0 to 2^63-1";
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + e + "\",-1]]}", offset);
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + e + "\",1.5]]}", offset);
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + e + "\",9223372036854775808]]}", offset);
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + e + "\",1e999999999]]}", offset);
    bad.put("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + e + "\",1e-999999999]]}", offset);
    // A good entry before a bad one: the frame is refused whole
    bad.put(
        "{\"event\":\"_crec_\",\"c\":[[\"h\",\""
            + e
            + "\","
            + last
            + "],[\"h\",\""
            + e
            + "\",-1]]}",
        offset);
    WsClient back = open("");
    String reason = null;
    for (Map.Entry<String, String> frame : bad.entrySet()) {
      reason = frame.getValue() == null ? reason : frame.getValue();
      back.send(frame.getKey());
      back.expectText(
          "{\"event\":\"err\",\"status\":400,\"result\":\"bad request\",\"reason\":\""
              + reason.replace("\"", "\\\"")
              + "\"}");
    }
    back.send("{\"event\":\"join\"}");
    back.expectText("joined");
    back.expectNothingMore(); // no replay: no bad frame asked for one
    // A valid frame still works (1.0 is a whole number)
    WsClient good = open("");
    good.send("{\"event\":\"_crec_\",\"c\":[[\"h\",\"" + e + "\"," + last + ".0]]}");
    good.send("{\"event\":\"join\"}");
    expectWithJoined(good, said(e, last + 1, "missed"), answer(true));
  }
}
