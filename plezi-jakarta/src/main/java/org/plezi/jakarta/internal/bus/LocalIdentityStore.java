package org.plezi.jakarta.internal.bus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.plezi.jakarta.internal.base.RateLimitedLog;
import org.plezi.jakarta.internal.base.Threads;

/**
 * The single-server identity store: expiring records in memory, swept every few seconds so that
 * expired identities and their mailboxes do not pile up. Each record is guarded by itself.
 */
public final class LocalIdentityStore implements IdentityStore {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  /** One identity. All fields guarded by the record. */
  private static final class Identity {
    long lifetimeNanos;
    long deadline;
    long newest;
    final LinkedHashSet<String> connections = new LinkedHashSet<>();
    final ArrayDeque<Entry> mailbox = new ArrayDeque<>();

    boolean expired(long now) {
      return now - deadline > 0;
    }

    void renew(long now) {
      deadline = now + lifetimeNanos;
    }
  }

  private final ConcurrentHashMap<String, Identity> identities = new ConcurrentHashMap<>();
  private final RateLimitedLog overflows = new RateLimitedLog(LOG);
  private final int mailboxCap;
  private final ScheduledExecutorService sweeper;

  public LocalIdentityStore(int mailboxCap) {
    this.mailboxCap = mailboxCap;
    this.sweeper = Threads.scheduler("identity-sweeper", null);
    sweeper.scheduleWithFixedDelay(this::sweep, 5, 5, TimeUnit.SECONDS);
  }

  @Override
  public List<String> register(
      String identity, String connectionUuid, long lifetimeMillis, int maxConnections) {
    long now = System.nanoTime();
    while (true) {
      Identity record = identities.computeIfAbsent(identity, id -> new Identity());
      synchronized (record) {
        if (identities.get(identity) != record) {
          continue; // swept between lookup and lock
        }
        if (record.expired(now) && record.lifetimeNanos > 0) {
          record.connections.clear();
          record.mailbox.clear();
        }
        record.lifetimeNanos = TimeUnit.MILLISECONDS.toNanos(lifetimeMillis);
        record.renew(now);
        record.connections.remove(connectionUuid);
        record.connections.add(connectionUuid);
        List<String> dropped = new ArrayList<>();
        var oldest = record.connections.iterator();
        while (record.connections.size() - dropped.size() > maxConnections) {
          dropped.add(oldest.next());
        }
        dropped.forEach(record.connections::remove);
        return dropped;
      }
    }
  }

  @Override
  public void unregister(String identity, String connectionUuid) {
    Identity record = identities.get(identity);
    if (record != null) {
      synchronized (record) {
        record.connections.remove(connectionUuid);
      }
    }
  }

  @Override
  public Appended append(String identity, String event, List<Object> args) {
    Identity record = live(identity);
    if (record == null) {
      return null;
    }
    synchronized (record) {
      long now = System.nanoTime();
      if (record.expired(now)) {
        return null;
      }
      long seq = ++record.newest;
      record.mailbox.add(new Entry(seq, event, args));
      long dropped = 0;
      if (record.mailbox.size() > mailboxCap) {
        record.mailbox.poll();
        dropped = 1;
        overflows.warn(
            "an identity's mailbox is over "
                + mailboxCap
                + " messages (plezi.mailbox.maxMessages): dropped the oldest");
      }
      return new Appended(seq, List.copyOf(record.connections), dropped);
    }
  }

  @Override
  public Page read(String identity, long after, int max) {
    Identity record = live(identity);
    if (record == null) {
      return null;
    }
    synchronized (record) {
      List<Entry> page = new ArrayList<>();
      for (Entry entry : record.mailbox) {
        if (entry.seq() > after) {
          page.add(entry);
          if (page.size() == max) {
            break;
          }
        }
      }
      return new Page(page, record.newest);
    }
  }

  @Override
  public void delivered(String identity, long seq) {
    Identity record = live(identity);
    if (record != null) {
      synchronized (record) {
        while (!record.mailbox.isEmpty() && record.mailbox.peek().seq() <= seq) {
          record.mailbox.poll();
        }
        record.renew(System.nanoTime());
      }
    }
  }

  private Identity live(String identity) {
    Identity record = identities.get(identity);
    return record == null || record.expired(System.nanoTime()) ? null : record;
  }

  /** Drops expired identities with their mailboxes. */
  void sweep() {
    long now = System.nanoTime();
    identities.forEach(
        (name, record) -> {
          synchronized (record) {
            if (record.expired(now)) {
              identities.remove(name, record);
            }
          }
        });
  }

  /** Identities held, expired or not yet swept included (for tests). */
  int size() {
    return identities.size();
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
