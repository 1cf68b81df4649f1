package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plezi.jakarta.ChannelHistoryIT;
import org.plezi.jakarta.testing.WsClient;

/**
 * Channel history (issue 18) across two servers in JVMs of their own, whatever Redis they share
 * (Redis Cluster, Sentinel): publications from either server get the same epoch and offsets on
 * both, and a client that left one server recovers what it missed on the other. The servers run
 * {@link HistoryRoom} with {@code plezi.channels.historySize} 5.
 */
final class HistoryAcrossServers implements AutoCloseable {
  private static final Pattern POSITION =
      Pattern.compile("\"epoch\":\"([A-Za-z0-9_-]+)\",\"offset\":(\\d+)");

  private final List<WsClient> clients = new ArrayList<>();

  /** A client of {@code port} that joined channel h, after sending {@code positions} if any. */
  WsClient joined(int port, String positions) throws Exception {
    WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/history"));
    clients.add(client);
    client.expectText("ready");
    if (positions != null) {
      client.send("{\"event\":\"_crec_\",\"c\":[" + positions + "]}");
    }
    client.send("{\"event\":\"join\"}");
    if (positions == null) {
      client.expectText("joined"); // else it may come among the replay
    }
    return client;
  }

  /** A client of {@code port} that publishes and is not subscribed. */
  WsClient publisher(int port) throws Exception {
    WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/history"));
    clients.add(client);
    client.expectText("ready");
    return client;
  }

  static void tell(WsClient publisher, String text) throws Exception {
    publisher.send("{\"event\":\"tell\",\"text\":\"" + text + "\"}");
    publisher.expectText("told");
  }

  static String said(String epoch, long offset, String text) {
    return "{\"_chan_\":{\"channel\":\"h\",\"epoch\":\""
        + epoch
        + "\",\"offset\":"
        + offset
        + "},\"event\":\"said\",\"text\":\""
        + text
        + "\"}";
  }

  static String answer(boolean recovered) {
    return "{\"event\":\"_crec_\",\"channel\":\"h\",\"recovered\":" + recovered + "}";
  }

  /** The epoch and offset of a frame. */
  static String[] position(String frame) {
    Matcher m = POSITION.matcher(frame);
    assertThat(m.find()).as(frame).isTrue();
    return new String[] {m.group(1), m.group(2)};
  }

  /**
   * The check: both servers number each publication alike, in order; a client that left {@code one}
   * recovers on {@code two}; a position the trimmed history no longer covers fails.
   *
   * @param awaitServers waits until that many servers subscribe to channel h in Redis
   * @return the epoch
   */
  String offsetsAreSharedAndRecoveryWorksOnTheOtherServer(
      int one, int two, LongConsumer awaitServers) throws Exception {
    WsClient onOne = joined(one, null);
    WsClient onTwo = joined(two, null);
    WsClient fromOne = publisher(one);
    WsClient fromTwo = publisher(two);
    awaitServers.accept(2);
    tell(fromOne, "a");
    String first = onOne.nextText();
    assertThat(onTwo.nextText()).isEqualTo(first); // the same epoch and offset on both servers
    String[] at = position(first);
    String epoch = at[0];
    long seen = Long.parseLong(at[1]);
    assertThat(first).isEqualTo(said(epoch, seen, "a"));
    tell(fromTwo, "b");
    onOne.expectText(said(epoch, seen + 1, "b"));
    onTwo.expectText(said(epoch, seen + 1, "b"));
    onOne.close();
    tell(fromTwo, "missed 1");
    onTwo.expectText(said(epoch, seen + 2, "missed 1")); // kept: the next comes after it
    tell(fromOne, "missed 2");
    onTwo.expectText(said(epoch, seen + 3, "missed 2"));
    WsClient back = joined(two, "[\"h\",\"" + epoch + "\"," + (seen + 1) + "]");
    ChannelHistoryIT.expectWithJoined(
        back, said(epoch, seen + 2, "missed 1"), said(epoch, seen + 3, "missed 2"), answer(true));
    tell(fromOne, "live");
    back.expectText(said(epoch, seen + 4, "live"));
    onTwo.expectText(said(epoch, seen + 4, "live"));
    for (int i = 1; i <= 5; i++) {
      // one server: the publications of two servers are numbered in no set order between them
      tell(fromOne, "more " + i); // the stream keeps seen + 5 to seen + 9
    }
    for (int i = 1; i <= 5; i++) {
      back.expectText(said(epoch, seen + 4 + i, "more " + i));
      onTwo.expectText(said(epoch, seen + 4 + i, "more " + i));
    }
    WsClient late = joined(one, "[\"h\",\"" + epoch + "\"," + (seen + 3) + "]"); // 4 is gone
    ChannelHistoryIT.expectWithJoined(late, answer(false));
    back.expectNothingMore();
    late.expectNothingMore();
    return epoch;
  }

  @Override
  public void close() throws Exception {
    for (WsClient client : clients) {
      client.close();
    }
  }
}
