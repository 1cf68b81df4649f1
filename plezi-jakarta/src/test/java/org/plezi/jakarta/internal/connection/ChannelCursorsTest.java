package org.plezi.jakarta.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.internal.bus.ChannelPosition;
import org.plezi.jakarta.internal.bus.HistoryStore;
import org.plezi.jakarta.internal.bus.LocalHistoryStore;

/** One connection's places in its channels (issue 18): no repeat, no gap, recovery either way. */
class ChannelCursorsTest {
  private final LocalHistoryStore history = new LocalHistoryStore(5, 60_000, new AtomicLong()::get);
  private final Set<String> subscribed = new java.util.HashSet<>();
  private final List<String> seen = new ArrayList<>();
  private final ChannelCursors cursors = new ChannelCursors();

  private final ChannelCursors.Source source =
      new ChannelCursors.Source() {
        @Override
        public boolean listensForEvents(Connection connection, String channel) {
          return subscribed.contains(channel);
        }

        @Override
        public List<HistoryStore.Entry> read(String channel, String e, long after, long before) {
          return history.read(channel, e, after, before);
        }
      };

  private final ChannelCursors.Sink sink =
      new ChannelCursors.Sink() {
        @Override
        public void deliver(String channel, ChannelPosition at, String event, List<Object> args) {
          seen.add(channel + "#" + at.offset());
        }

        @Override
        public void recovery(String channel, boolean recovered) {
          seen.add(channel + (recovered ? " recovered" : " failed"));
        }

        @Override
        public void passed(String channel, ChannelPosition at) {
          seen.add(channel + "#" + at.offset() + " own");
        }
      };

  private String epoch;

  @BeforeEach
  void subscribe() {
    subscribed.add("a");
  }

  private ChannelPosition publish() {
    ChannelPosition at = history.append("a", "say", List.of());
    epoch = at.epoch();
    return at;
  }

  private void live(ChannelPosition at) {
    cursors.live("a", at, "say", List.of(), source, sink);
  }

  @Test
  void repeatsAreDroppedAndGapsFilledFromTheHistoryInOrder() {
    ChannelPosition one = publish();
    ChannelPosition two = publish();
    ChannelPosition three = publish();
    ChannelPosition four = publish();
    live(one);
    live(three); // two is missing: read from the history first
    live(two); // a repeat now
    live(one);
    live(four);
    assertThat(seen).containsExactly("a#1", "a#2", "a#3", "a#4");
  }

  /** A controller publish skips its sender: the next publication is no gap to fill with it. */
  @Test
  void theSendersOwnPublicationMovesItsCursorWithoutRunningAndIsNotReplayed() {
    ChannelPosition one = publish();
    ChannelPosition two = publish();
    ChannelPosition three = publish();
    ChannelPosition four = publish();
    live(one);
    cursors.live("a", three, "say", List.of(), true, source, sink); // two is filled first
    live(four);
    cursors.live("a", four, "say", List.of(), true, source, sink); // a repeat: nothing
    assertThat(seen).containsExactly("a#1", "a#2", "a#3 own", "a#4");
  }

  @Test
  void aGapTheHistoryNoLongerCoversIsAFailedRecoveryThenLiveGoesOn() {
    ChannelPosition one = publish();
    for (int i = 0; i < 6; i++) {
      publish(); // 2 to 7; the history keeps 3 to 7
    }
    live(one);
    live(new ChannelPosition(epoch, 7));
    assertThat(seen).containsExactly("a#1", "a failed", "a#7");
  }

  @Test
  void anotherEpochLiveIsAFailedRecovery() {
    live(publish());
    live(new ChannelPosition("newEpoch", 1));
    assertThat(seen).containsExactly("a#1", "a failed", "a#1");
  }

  @Test
  void positionsSentBeforeTheSubscriptionWaitForItThenReplayBeforeLive() {
    subscribed.clear();
    publish();
    publish();
    ChannelPosition three = publish();
    cursors.recover(null, "a", new ChannelPosition(epoch, 1), source, sink);
    assertThat(seen).isEmpty();
    subscribed.add("a");
    cursors.subscribed(null, "a", source, sink);
    live(three); // in flight while the replay ran: a repeat
    ChannelPosition four = publish();
    live(four);
    assertThat(seen).containsExactly("a#2", "a#3", "a recovered", "a#4");
  }

  @Test
  void positionsSentAfterLiveBeganReplayWhatCameBeforeTheFirstLiveOne() {
    publish(); // 1: seen before the client went away
    publish();
    publish();
    ChannelPosition four = publish();
    live(four); // the new subscription's first
    cursors.recover(null, "a", new ChannelPosition(epoch, 1), source, sink);
    live(publish());
    assertThat(seen).containsExactly("a#4", "a#2", "a#3", "a recovered", "a#5");
  }

  @Test
  void aSecondRequestForTheSameSubscriptionReplaysNothing() {
    publish();
    publish();
    cursors.recover(null, "a", new ChannelPosition(epoch, 0), source, sink);
    cursors.recover(null, "a", new ChannelPosition(epoch, 0), source, sink);
    assertThat(seen).containsExactly("a#1", "a#2", "a recovered");
  }

  @Test
  void aTrimmedHistoryAnotherEpochOrAFutureOffsetFails() {
    for (int i = 0; i < 7; i++) {
      publish();
    }
    cursors.recover(null, "a", new ChannelPosition(epoch, 1), source, sink); // 2 was trimmed
    cursors.unsubscribed("a");
    cursors.recover(null, "a", new ChannelPosition("other", 5), source, sink);
    cursors.unsubscribed("a");
    cursors.recover(null, "a", new ChannelPosition(epoch, 8), source, sink);
    assertThat(seen).containsExactly("a failed", "a failed", "a failed");
  }

  @Test
  void nothingMissedIsARecoveryWithNoReplay() {
    publish();
    cursors.recover(null, "a", new ChannelPosition(epoch, 1), source, sink);
    assertThat(seen).containsExactly("a recovered");
  }

  @Test
  void waitingPositionsAreBounded() {
    subscribed.clear();
    for (int i = 0; i < ChannelCursors.MAX_WAITING; i++) {
      cursors.recover(null, "c" + i, new ChannelPosition("e", 1), source, sink);
    }
    assertThat(seen).isEmpty();
    cursors.recover(null, "one-more", new ChannelPosition("e", 1), source, sink);
    assertThat(seen).containsExactly("one-more failed");
  }
}
