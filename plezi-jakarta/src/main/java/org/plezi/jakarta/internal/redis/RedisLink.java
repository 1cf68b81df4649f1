package org.plezi.jakarta.internal.redis;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.plezi.jakarta.internal.bus.Healer;
import org.plezi.jakarta.internal.bus.LinkState;
import org.plezi.jakarta.internal.bus.Outage;
import org.plezi.jakarta.internal.bus.RedisLife;
import org.redisson.api.RedissonClient;

/**
 * One server's link to Redis: the outage (logged once), the call funnel every Redis call of the
 * library goes through, and the healer that the link check drives. The bus makes one and joins it
 * once connected; until then calls fail as "not connected" and no check runs.
 */
final class RedisLink implements LinkState {
  /** How long one link check waits for Redis: it is tried once, the next check is the retry. */
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

  final Outage outage;
  final Healer healer;
  final RedisCalls calls;
  private final String channel;
  private final String serverUuid;

  /** Set once joined; read by the check thread. */
  private volatile LinkCheck check;

  /** The last good check, for {@link #privateSubscribers()} and {@link #status()}. */
  private volatile RedisLife last;

  /** Whether a check has seen this server's private channel subscribed (not on every cluster). */
  private volatile boolean seenSubscribed;

  RedisLink(String channel, String serverUuid, System.Logger log) {
    this.channel = channel;
    this.serverUuid = serverUuid;
    this.outage = new Outage(log);
    this.healer = new Healer(this::probe, outage, log);
    this.calls =
        new RedisCalls(outage, healer::trigger, t -> t.getName().startsWith("plezi-"), log);
  }

  private RedisLife probe() {
    LinkCheck current = check;
    if (current == null) {
      throw new IllegalStateException("not joined");
    }
    RedisLife seen = current.read();
    if (seen.subscribers() > 0) {
      seenSubscribed = true;
    }
    last = seen;
    return seen;
  }

  /**
   * The bus subscribed: the first check (adopts the epoch), then one every {@code periodMillis} on
   * {@code thread}, the bus's connecting thread. On that thread.
   */
  void joined(RedissonClient client, ScheduledExecutorService thread, long periodMillis) {
    check = new LinkCheck(client, channel, serverUuid, CHECK_TIMEOUT);
    healer.check();
    healer.start(thread, periodMillis);
  }

  /** Redisson (re)subscribed this server's private channel: Redis is back, or cut us. */
  void subscribed() {
    healer.trigger();
  }

  @Override
  public Status status() {
    if (calls.isClosed()) {
      return Status.CLOSED;
    }
    if (check == null) {
      return Status.CONNECTING;
    }
    if (outage.isDown()) {
      return Status.DISCONNECTED;
    }
    // Redis answers again, but Redisson has not subscribed this server's channel again yet (the
    // check after the resubscription tells). Only where a check has seen it subscribed: on Redis
    // Cluster the check may run on a node that does not count it.
    RedisLife seen = last;
    return seen != null && seen.subscribers() == 0 && seenSubscribed
        ? Status.DISCONNECTED
        : Status.CONNECTED;
  }

  @Override
  public long reconnects() {
    return outage.ended();
  }

  @Override
  public long outages() {
    return outage.count();
  }

  @Override
  public long healPasses() {
    return healer.passes();
  }

  @Override
  public long restoredEntries() {
    return healer.written();
  }

  @Override
  public long privateSubscribers() {
    RedisLife seen = last;
    return seen == null ? -1 : seen.subscribers();
  }
}
