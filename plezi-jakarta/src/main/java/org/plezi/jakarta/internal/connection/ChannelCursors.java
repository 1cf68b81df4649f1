package org.plezi.jakarta.internal.connection;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plezi.jakarta.internal.bus.ChannelPosition;
import org.plezi.jakarta.internal.bus.HistoryStore;

/**
 * Where one connection stands in each channel with history it listens to (issue 18), so that its
 * event method sees every publication once and in order: a repeat is dropped, a gap is filled from
 * the history first (or, when the history no longer covers it, the client is told that recovery
 * failed), and a client that came back with the positions it last saw gets what it missed.
 *
 * <p>Recovery works whichever comes first. When the client's positions arrive before the controller
 * subscribes to the channel, they wait here and the subscription replays from them. When the
 * controller subscribed first (in {@code onOpen}, before any frame could be read), live
 * publications may have run already: the replay is then what lies between the client's position and
 * the first of them, and the JavaScript client puts the replies back in order before its handlers
 * see them (it holds a channel's replies until the recovery's answer).
 *
 * <p>Thread-safety: only the connection's inbox tasks call this, one at a time; not thread-safe.
 */
public final class ChannelCursors {
  /** Positions that may wait for a subscription, per connection. */
  static final int MAX_WAITING = 1_000;

  /** What the cursors read: the server's subscriptions and histories. */
  public interface Source {
    /** Whether {@code connection} listens to {@code channel} for events now. */
    boolean listensForEvents(Connection connection, String channel);

    /** As {@link HistoryStore#read}; null also when the history cannot be read now. */
    List<HistoryStore.Entry> read(String channel, String epoch, long after, long before);
  }

  /** What the cursors do to the connection. */
  interface Sink {
    /** Runs the event method for a publication at {@code at}, its reply tagged with it. */
    void deliver(String channel, ChannelPosition at, String event, List<Object> args);

    /** Tells the client whether recovery (or a gap's filling) of {@code channel} succeeded. */
    void recovery(String channel, boolean recovered);

    /**
     * The connection published the publication at {@code at} itself (the controller forms skip
     * their sender): no event method runs, the client is only told the position.
     */
    void passed(String channel, ChannelPosition at);
  }

  /** One channel's place: the epoch, the first offset run live, the last offset run. */
  private static final class Cursor {
    final String epoch;
    final long first;
    long last;
    boolean recovered;

    Cursor(String epoch, long first, long last) {
      this.epoch = epoch;
      this.first = first;
      this.last = last;
    }
  }

  private final Map<String, Cursor> cursors = new HashMap<>();

  /** Positions the client sent for channels not (yet) subscribed, oldest first. */
  private final LinkedHashMap<String, ChannelPosition> waiting = new LinkedHashMap<>();

  /** A live publication at {@code at}. */
  void live(
      String channel,
      ChannelPosition at,
      String event,
      List<Object> args,
      Source source,
      Sink sink) {
    live(channel, at, event, args, false, source, sink);
  }

  /**
   * A live publication at {@code at}; {@code own} when this connection published it (a controller
   * publish skips its sender): the cursor moves past it, gaps before it still filled, so that the
   * next publication is no gap and the history does not hand the sender its own publication (a run
   * of RedisClusterModeIT with history on saw exactly that).
   */
  void live(
      String channel,
      ChannelPosition at,
      String event,
      List<Object> args,
      boolean own,
      Source source,
      Sink sink) {
    Cursor cursor = cursors.get(channel);
    if (cursor == null) {
      cursors.put(channel, new Cursor(at.epoch(), at.offset(), at.offset()));
      run(channel, at, event, args, own, sink);
      return;
    }
    if (!cursor.epoch.equals(at.epoch())) {
      // The history was lost (a Redis that lost its data): what came before cannot be recovered
      cursors.put(channel, new Cursor(at.epoch(), at.offset(), at.offset()));
      sink.recovery(channel, false);
      run(channel, at, event, args, own, sink);
      return;
    }
    if (at.offset() <= cursor.last) {
      return; // run already, by a replay or an earlier copy
    }
    if (at.offset() > cursor.last + 1) {
      List<HistoryStore.Entry> gap = source.read(channel, cursor.epoch, cursor.last, at.offset());
      if (gap == null) {
        sink.recovery(channel, false);
      } else {
        for (HistoryStore.Entry entry : gap) {
          sink.deliver(
              channel,
              new ChannelPosition(cursor.epoch, entry.offset()),
              entry.event(),
              entry.args());
        }
      }
    }
    cursor.last = at.offset();
    run(channel, at, event, args, own, sink);
  }

  private static void run(
      String channel, ChannelPosition at, String event, List<Object> args, boolean own, Sink sink) {
    if (own) {
      sink.passed(channel, at);
    } else {
      sink.deliver(channel, at, event, args);
    }
  }

  /** The client's last position in {@code channel}, from its recovery frame. */
  void recover(
      Connection connection, String channel, ChannelPosition seen, Source source, Sink sink) {
    if (!source.listensForEvents(connection, channel)) {
      if (waiting.size() >= MAX_WAITING && !waiting.containsKey(channel)) {
        sink.recovery(channel, false);
        return;
      }
      waiting.put(channel, seen);
      return;
    }
    apply(channel, seen, source, sink);
  }

  /** The controller subscribed this connection to {@code channel}. */
  void subscribed(Connection connection, String channel, Source source, Sink sink) {
    ChannelPosition seen = waiting.remove(channel);
    if (seen != null && source.listensForEvents(connection, channel)) {
      apply(channel, seen, source, sink);
    }
  }

  /** The connection left {@code channel}: a later subscription starts afresh. */
  void unsubscribed(String channel) {
    cursors.remove(channel);
    waiting.remove(channel);
  }

  private void apply(String channel, ChannelPosition seen, Source source, Sink sink) {
    Cursor cursor = cursors.get(channel);
    if (cursor != null && cursor.recovered) {
      return; // once per subscription: a second replay would repeat the first
    }
    if (cursor != null && !cursor.epoch.equals(seen.epoch())) {
      sink.recovery(channel, false);
      cursor.recovered = true;
      return;
    }
    long before = cursor == null ? Long.MAX_VALUE : cursor.first;
    List<HistoryStore.Entry> missed = source.read(channel, seen.epoch(), seen.offset(), before);
    if (missed == null) {
      if (cursor != null) {
        cursor.recovered = true;
      }
      sink.recovery(channel, false);
      return;
    }
    long last = seen.offset();
    for (HistoryStore.Entry entry : missed) {
      sink.deliver(
          channel, new ChannelPosition(seen.epoch(), entry.offset()), entry.event(), entry.args());
      last = entry.offset();
    }
    if (cursor == null) {
      cursor = new Cursor(seen.epoch(), last + 1, last);
      cursors.put(channel, cursor);
    }
    cursor.recovered = true;
    sink.recovery(channel, true);
  }
}
