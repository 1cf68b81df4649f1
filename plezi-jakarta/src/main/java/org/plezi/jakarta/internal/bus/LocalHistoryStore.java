package org.plezi.jakarta.internal.bus;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.plezi.jakarta.internal.base.HistoryRules;

/**
 * Channel histories in this JVM (issue 18): per channel at most {@code size} publications, none
 * older than {@code maxAge}, both from the channel's rule ({@code plezi.channels.history}). A
 * channel's history starts, with a new random epoch, at its first publication, and is forgotten
 * once everything in it expired (the next publication starts a new epoch, so a client that comes
 * back after that is told that recovery failed rather than given a partial replay).
 *
 * <p>Thread-safety: the map is concurrent; each {@link Log} is guarded by its own monitor, held
 * only to append, trim or copy a range, never while calling out.
 */
public final class LocalHistoryStore implements HistoryStore {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Appends between two sweeps for histories that expired whole. */
  private static final int SWEEP_EVERY = 1024;

  private final HistoryRules rules;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Log> logs = new ConcurrentHashMap<>();

  /** Appends since the last sweep; a race only moves the next sweep. */
  private int sinceSweep;

  /**
   * @param size publications kept per channel, at least 1
   * @param maxAgeMillis how long a publication is kept, at least 1
   * @param clock nanoseconds ({@link System#nanoTime} but in tests)
   */
  public LocalHistoryStore(int size, long maxAgeMillis, LongSupplier clock) {
    this(checked(size, maxAgeMillis), clock);
  }

  /**
   * @param rules what each channel keeps (its bounds are read when its history starts)
   * @param clock nanoseconds ({@link System#nanoTime} but in tests)
   */
  public LocalHistoryStore(HistoryRules rules, LongSupplier clock) {
    this.rules = rules;
    this.clock = clock;
  }

  private static HistoryRules checked(int size, long maxAgeMillis) {
    if (size < 1 || maxAgeMillis < 1) {
      throw new IllegalArgumentException("a history keeps at least 1 message for at least 1 ms");
    }
    return HistoryRules.uniform(size, maxAgeMillis);
  }

  /** A new epoch: 96 random bits, 16 characters of base64url. */
  public static String newEpoch() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Keeps a publication of {@code channel}; returns its position, null if it keeps none. */
  public ChannelPosition append(String channel, String event, List<Object> args) {
    HistoryRules.Bounds bounds = rules.of(channel);
    if (!bounds.keeps()) {
      return null;
    }
    long now = clock.getAsLong();
    ChannelPosition[] at = new ChannelPosition[1];
    logs.compute(
        channel,
        (name, log) -> {
          Log current = log == null || log.expired(now) ? new Log(newEpoch(), bounds) : log;
          at[0] = current.add(now, event, args);
          return current;
        });
    if (++sinceSweep >= SWEEP_EVERY) {
      sinceSweep = 0;
      sweep(now);
    }
    return at[0];
  }

  @Override
  public List<Entry> read(String channel, String epoch, long after, long before) {
    Log log = logs.get(channel);
    return log == null ? null : log.read(epoch, after, before, clock.getAsLong());
  }

  /** Forgets the histories whose every publication expired. */
  void sweep(long now) {
    for (String name : logs.keySet()) {
      logs.computeIfPresent(name, (key, log) -> log.expired(now) ? null : log);
    }
  }

  /** Channels with a history (for tests). */
  int channels() {
    return logs.size();
  }

  /** One channel's history; guarded by its monitor. */
  private final class Log {
    private final String epoch;

    /** The bounds of the channel's rule when the history started. */
    private final int size;

    private final long maxAgeNanos;

    /** The last offset given; 0 before the first. */
    private long last;

    /** When the last publication was kept (nanoseconds). */
    private long lastAt;

    /** The kept publications, oldest first, and when each was kept. */
    private final ArrayDeque<Stored> kept = new ArrayDeque<>();

    private record Stored(long at, Entry entry) {}

    Log(String epoch, HistoryRules.Bounds bounds) {
      this.epoch = epoch;
      this.size = bounds.size();
      this.maxAgeNanos = bounds.maxAgeMillis() * 1_000_000L;
    }

    synchronized ChannelPosition add(long now, String event, List<Object> args) {
      last++;
      lastAt = now;
      kept.addLast(new Stored(now, new Entry(last, event, args)));
      while (kept.size() > size) {
        kept.removeFirst();
      }
      trim(now);
      return new ChannelPosition(epoch, last);
    }

    synchronized boolean expired(long now) {
      return now - lastAt > maxAgeNanos;
    }

    private void trim(long now) {
      while (!kept.isEmpty() && now - kept.peekFirst().at() > maxAgeNanos) {
        kept.removeFirst();
      }
    }

    synchronized List<Entry> read(String asked, long after, long before, long now) {
      trim(now);
      if (!epoch.equals(asked) || after < 0 || after > last) {
        return null;
      }
      long oldest = kept.isEmpty() ? last + 1 : kept.peekFirst().entry().offset();
      long wanted = Math.min(before, last + 1); // the first offset not asked for
      if (after + 1 < wanted && oldest > after + 1) {
        return null; // some of what is asked for was trimmed or expired
      }
      List<Entry> out = new ArrayList<>();
      for (Stored stored : kept) {
        long offset = stored.entry().offset();
        if (offset > after && offset < before) {
          out.add(stored.entry());
        }
      }
      return out;
    }
  }
}
