package org.plezi.jakarta.internal.redis;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
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
  private final LongAdder subscribes = new LongAdder();

  /** Set once joined; read by the check thread. */
  private volatile LinkCheck check;

  /** The last good check, for {@link #privateSubscribers()}. */
  private volatile RedisLife last;

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
    subscribes.increment();
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
    return outage.isDown() ? Status.DISCONNECTED : Status.CONNECTED;
  }

  @Override
  public long reconnects() {
    return Math.max(0, subscribes.sum() - 1);
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
