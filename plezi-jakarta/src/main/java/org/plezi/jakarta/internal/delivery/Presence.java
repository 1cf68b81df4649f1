package org.plezi.jakarta.internal.delivery;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.plezi.jakarta.internal.base.RateLimitedLog;
import org.plezi.jakarta.internal.bus.Change;
import org.plezi.jakarta.internal.bus.ChannelMessage;
import org.plezi.jakarta.internal.bus.ChannelNames;
import org.plezi.jakarta.internal.bus.ClusterState;
import org.plezi.jakarta.internal.bus.LocalPresenceStore;
import org.plezi.jakarta.internal.bus.PresenceStore;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.hooks.ControllerConnection;

/**
 * This server's side of presence (issue 17): which local connections are tracked in which channel
 * as which member, counted per (channel, member) so that the store hears of a member's first
 * connection on this server and of its last, not of every tab; the store answers whether that was
 * the member's first join or last leave cluster-wide, and only then is a {@value #JOIN} or {@value
 * #LEAVE} event published to the channel. Each (channel, member)'s store calls are chained, so they
 * reach the store in order. Thread-safe; nothing here blocks.
 */
public final class Presence implements ClusterState {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  /** The event a member's first join publishes: {@code (channel, member, metadata)}. */
  public static final String JOIN = "presenceJoin";

  /** The event a member's last leave publishes: {@code (channel, member)}. */
  public static final String LEAVE = "presenceLeave";

  /** The most metadata entries of a member. */
  public static final int MAX_METADATA_ENTRIES = 8;

  /** The longest metadata key, in chars. */
  public static final int MAX_METADATA_KEY = 64;

  /** The longest metadata value, in chars. */
  public static final int MAX_METADATA_VALUE = 256;

  private final Messaging messaging;
  private final RateLimitedLog problems = new RateLimitedLog(LOG);

  /** The store; the in-process one until {@link #bind}. */
  private volatile PresenceStore store = new LocalPresenceStore();

  /** Per (channel, member): this server's tracked connections, and the tail of its store calls. */
  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

  /** Each tracked connection's channels and its member in each. */
  private final ConcurrentHashMap<Connection, Map<String, Tracked>> byConnection =
      new ConcurrentHashMap<>();

  /**
   * A member of a channel. Its equals and hashCode are written out: a record's generated ones link
   * through java.lang.runtime.ObjectMethods, whose shared method handles (JDK 17) keep the last
   * record class linked, and with it the application's class loader after undeploy (as {@code
   * Origin} found in issue 21; TomcatRedeployContainerIT with the sample's presence).
   */
  private record Key(String channel, String member) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Key that
          && channel.equals(that.channel)
          && member.equals(that.member);
    }

    @Override
    public int hashCode() {
      return channel.hashCode() * 31 + member.hashCode();
    }

    @Override
    public String toString() {
      return channel + "#" + member;
    }
  }

  private record Tracked(String member, Map<String, String> metadata) {}

  /** Guarded by {@link #entries}' compute on its key. */
  private static final class Entry {
    volatile int connections;
    volatile Map<String, String> metadata;
    volatile CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
  }

  Presence(Messaging messaging) {
    this.messaging = messaging;
  }

  /** Uses {@code chosen} (Redis in a cluster); at start-up, before any connection opens. */
  public void bind(PresenceStore chosen) {
    this.store = chosen;
  }

  public PresenceStore store() {
    return store;
  }

  @Override
  public String name() {
    return "presence";
  }

  /**
   * Tracks {@code target} in {@code channel}: as its identity when it holds one (the first in
   * alphabetical order), else as its uuid. Tracking again does nothing.
   *
   * @throws IllegalArgumentException for a bad name or metadata, or one channel beyond the bound
   */
  void track(ControllerConnection target, String channel, Map<String, String> metadata) {
    ChannelNames.check(channel);
    Map<String, String> meta = checkMetadata(metadata);
    Connection connection = (Connection) target;
    if (!connection.isOpen()) {
      return;
    }
    TreeSet<String> identities = new TreeSet<>(connection.identities());
    String member = identities.isEmpty() ? connection.uuid() : identities.first();
    int max = messaging.channels().maxPerConnection();
    boolean[] added = new boolean[1];
    byConnection.compute(
        connection,
        (c, tracked) -> {
          Map<String, Tracked> updated = tracked == null ? new ConcurrentHashMap<>() : tracked;
          if (!updated.containsKey(channel)) {
            if (updated.size() >= max) {
              throw new IllegalArgumentException(
                  "a connection is tracked in at most "
                      + max
                      + " channels (plezi.channels.maxPerConnection)");
            }
            updated.put(channel, new Tracked(member, meta));
            added[0] = true;
          }
          return updated;
        });
    if (added[0]) {
      entries.compute(
          new Key(channel, member),
          (key, entry) -> {
            Entry updated = entry == null ? new Entry() : entry;
            if (updated.connections++ == 0) {
              updated.metadata = meta;
              chain(updated, () -> joinAndTell(key, meta));
            }
            return updated;
          });
      if (!connection.isOpen()) {
        leave(connection);
      }
    }
  }

  /** Stops tracking {@code target} in {@code channel}; nothing happens if it is not tracked. */
  void untrack(ControllerConnection target, String channel) {
    ChannelNames.check(channel);
    Connection connection = (Connection) target;
    Tracked[] was = new Tracked[1];
    byConnection.computeIfPresent(
        connection,
        (c, tracked) -> {
          was[0] = tracked.remove(channel);
          return tracked.isEmpty() ? null : tracked;
        });
    if (was[0] != null) {
      release(new Key(channel, was[0].member()));
    }
  }

  /** The (channel, member) pairs this server holds in presence (for the metrics). */
  public long memberCount() {
    return entries.values().stream().filter(e -> e.connections > 0).count();
  }

  /** A connection closed: it leaves every presence it was tracked in. */
  public void leave(Connection connection) {
    Map<String, Tracked> tracked = byConnection.remove(connection);
    if (tracked != null) {
      tracked.forEach((channel, t) -> release(new Key(channel, t.member())));
    }
  }

  /** The channel's members cluster-wide, with their metadata. */
  CompletionStage<Map<String, Map<String, String>>> list(String channel) {
    ChannelNames.check(channel);
    return store.list(channel);
  }

  private void release(Key key) {
    Entry[] emptied = new Entry[1];
    CompletableFuture<?>[] done = new CompletableFuture<?>[1];
    entries.computeIfPresent(
        key,
        (k, entry) -> {
          if (--entry.connections == 0) {
            chain(entry, () -> leaveAndTell(k));
            emptied[0] = entry;
            done[0] = entry.tail;
          }
          return entry;
        });
    if (emptied[0] != null) { // outside compute: the stage may be complete and run at once
      Entry entry = emptied[0];
      done[0].whenComplete(
          (ok, failure) ->
              entries.computeIfPresent(
                  key, (k, e) -> e == entry && e.connections == 0 && e.tail == done[0] ? null : e));
    }
  }

  /** Runs {@code next} after the entry's previous store call, whatever that one's outcome. */
  private static void chain(Entry entry, Supplier<CompletionStage<?>> next) {
    entry.tail = entry.tail.handle((ok, failure) -> null).thenCompose(none -> next.get());
  }

  private CompletionStage<?> joinAndTell(Key key, Map<String, String> meta) {
    return store
        .join(key.channel(), key.member(), meta)
        .handle(
            (first, failure) -> {
              if (failure != null) {
                problems.warn(
                    "presence: could not add a member to channel '"
                        + key.channel()
                        + "': "
                        + failure.getMessage());
              } else if (first) {
                tell(key.channel(), JOIN, key.channel(), key.member(), meta);
              }
              return null;
            });
  }

  private CompletionStage<?> leaveAndTell(Key key) {
    return store
        .leave(key.channel(), key.member())
        .handle(
            (last, failure) -> {
              if (failure != null) {
                problems.warn(
                    "presence: could not remove a member from channel '"
                        + key.channel()
                        + "': "
                        + failure.getMessage());
              } else if (last) {
                tell(key.channel(), LEAVE, key.channel(), key.member());
              }
              return null;
            });
  }

  private void tell(String channel, String event, Object... args) {
    try {
      ChannelMessage message = messaging.messages().channelEvent(channel, event, args);
      messaging.publish(message, null);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, () -> "presence: " + event + " not published: " + e);
    }
  }

  /** Redis lost or may lack this server's members: writes every one again (idempotent). */
  @Override
  public CompletionStage<Integer> restore(Change change) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    entries.forEach(
        (key, entry) -> {
          Map<String, String> meta = entry.metadata;
          if (entry.connections > 0 && meta != null) {
            writes.add(store.join(key.channel(), key.member(), meta).toCompletableFuture());
          }
        });
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .thenApply(done -> writes.size());
  }

  /** Shutdown: waits for the leaves the closes started; counts the members still held. */
  @Override
  public CompletionStage<Integer> release() {
    List<CompletableFuture<?>> pending = new ArrayList<>();
    entries.forEach(
        (key, entry) -> {
          pending.add(entry.tail.handle((ok, failure) -> null));
        });
    return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .thenApply(done -> (int) entries.values().stream().filter(e -> e.connections > 0).count());
  }

  private static Map<String, String> checkMetadata(Map<String, String> metadata) {
    if (metadata == null) {
      return Map.of();
    }
    if (metadata.size() > MAX_METADATA_ENTRIES) {
      throw new IllegalArgumentException(
          "presence metadata holds at most " + MAX_METADATA_ENTRIES + " entries");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    metadata.forEach(
        (k, v) -> {
          if (k == null || k.isEmpty() || k.length() > MAX_METADATA_KEY || hasControl(k)) {
            throw new IllegalArgumentException(
                "a presence metadata key is 1 to "
                    + MAX_METADATA_KEY
                    + " characters without control characters");
          }
          if (v == null || v.length() > MAX_METADATA_VALUE || hasControl(v)) {
            throw new IllegalArgumentException(
                "a presence metadata value is at most "
                    + MAX_METADATA_VALUE
                    + " characters without control characters, not null");
          }
          copy.put(k, v);
        });
    return Map.copyOf(copy);
  }

  private static boolean hasControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
