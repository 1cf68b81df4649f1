package org.plezi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.plezi.bench.client.WsConnection;

class FanoutTrackerTest {
  private final List<Long> completions = new ArrayList<>();

  @Test
  void aBroadcastCompletesWhenEveryConnectionHasIt() throws Exception {
    FanoutTracker tracker = new FanoutTracker(3, completions::add);
    WsConnection[] c = connections(3);
    deliver(tracker, c[0], 0, 100);
    deliver(tracker, c[1], 0, 100);
    assertThat(completions).isEmpty();
    deliver(tracker, c[2], 0, 100);
    assertThat(completions).containsExactly(1L);
    deliver(tracker, c[2], 1, 100);
    deliver(tracker, c[0], 1, 100);
    deliver(tracker, c[1], 1, 100);
    assertThat(completions).containsExactly(1L, 2L);
    assertThat(tracker.errors()).isZero();
    assertThat(tracker.deliveries()).isEqualTo(6);
    assertThat(tracker.connectionsShort(2)).isZero();
    assertThat(tracker.latency().count()).isEqualTo(6);
  }

  @Test
  void aGapIsAnErrorAndTheConnectionStaysShort() throws Exception {
    FanoutTracker tracker = new FanoutTracker(2, completions::add);
    WsConnection[] c = connections(2);
    deliver(tracker, c[0], 0, 100);
    deliver(tracker, c[0], 1, 100);
    deliver(tracker, c[1], 1, 100); // broadcast 0 never reached connection 1
    assertThat(tracker.errors()).isPositive();
    assertThat(tracker.problems().get(0)).contains("connection 1: got broadcast 1, expected 0");
    assertThat(completions).isEmpty();
    assertThat(tracker.connectionsShort(2)).isZero();
    assertThat(tracker.deliveries()).isEqualTo(3);
  }

  @Test
  void aDuplicateIsAnError() throws Exception {
    FanoutTracker tracker = new FanoutTracker(1, completions::add);
    WsConnection[] c = connections(1);
    deliver(tracker, c[0], 0, 100);
    deliver(tracker, c[0], 0, 100);
    assertThat(tracker.errors()).isPositive();
    assertThat(tracker.problems().get(0)).contains("got broadcast 0, expected 1");
  }

  @Test
  void aMessageThatIsNotAPayloadIsAnError() throws Exception {
    FanoutTracker tracker = new FanoutTracker(1, completions::add);
    byte[] other = "hello".getBytes(StandardCharsets.UTF_8);
    tracker.onMessage(connections(1)[0], other, 0, other.length, 0);
    assertThat(tracker.errors()).isEqualTo(1);
    assertThat(tracker.deliveries()).isZero();
  }

  @Test
  void missingMessagesLeaveConnectionsShort() throws Exception {
    FanoutTracker tracker = new FanoutTracker(2, completions::add);
    deliver(tracker, connections(2)[0], 0, 100);
    assertThat(tracker.connectionsShort(1)).isEqualTo(1);
  }

  private static void deliver(FanoutTracker tracker, WsConnection c, long seq, long latencyMicros) {
    byte[] payload = Payload.of(seq, 1_000_000_000L).getBytes(StandardCharsets.UTF_8);
    tracker.onMessage(c, payload, 0, payload.length, 1_000_000_000L + latencyMicros * 1_000);
  }

  /** Connections with indexes 0..n-1 and no socket: the tracker only reads their index. */
  private static WsConnection[] connections(int n) throws ReflectiveOperationException {
    Constructor<WsConnection> make =
        WsConnection.class.getDeclaredConstructor(
            int.class,
            Class.forName("org.plezi.bench.client.ConnectionGroup"),
            java.nio.channels.SocketChannel.class,
            String.class);
    make.setAccessible(true);
    WsConnection[] result = new WsConnection[n];
    for (int i = 0; i < n; i++) {
      result[i] = make.newInstance(i, null, null, "");
    }
    return result;
  }
}
