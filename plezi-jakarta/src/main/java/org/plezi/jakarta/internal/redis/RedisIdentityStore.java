package org.plezi.jakarta.internal.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.plezi.jakarta.internal.base.RateLimitedLog;
import org.plezi.jakarta.internal.bus.IdentityStore;
import org.plezi.jakarta.internal.wire.Decoded;
import org.plezi.jakarta.internal.wire.Envelope;
import org.plezi.jakarta.internal.wire.EnvelopeCodec;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * Identities in Redis, shared by every server of the cluster. Each identity has three keys under
 * the channel's namespace, {@code <channel>:identity:{<name>}:meta|conns|box} (the braces keep them
 * in one Redis Cluster slot): a hash with the lifetime and counters, a sorted set of connection
 * uuids by registration order, and a sorted set of messages by number, each stored as a YAML
 * envelope. Every operation is one Lua script, so it is atomic; every write renews the three keys'
 * expiry to the identity's lifetime, so an expired identity and its mailbox vanish from Redis.
 */
public final class RedisIdentityStore implements IdentityStore {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  private static final String RENEW =
      """
      local life = redis.call('HGET', KEYS[1], 'lifetime')
      if life then for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], life) end end
      """;

  private static final String REGISTER =
      """
      redis.call('HSET', KEYS[1], 'lifetime', ARGV[2])
      local order = redis.call('HINCRBY', KEYS[1], 'registrations', 1)
      redis.call('HSETNX', KEYS[1], 'seq', 0)
      redis.call('ZADD', KEYS[2], order, ARGV[1])
      local n = redis.call('ZCARD', KEYS[2])
      local keep = tonumber(ARGV[3])
      local dropped = {}
      if n > keep then
        dropped = redis.call('ZRANGE', KEYS[2], 0, n - keep - 1)
        redis.call('ZREMRANGEBYRANK', KEYS[2], 0, n - keep - 1)
      end
      """
          + RENEW
          + """
      return dropped
      """;

  private static final String APPEND =
      """
      if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
      local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
      redis.call('ZADD', KEYS[3], seq, seq .. '\\n' .. ARGV[1])
      local n = redis.call('ZCARD', KEYS[3])
      local cap = tonumber(ARGV[2])
      local dropped = 0
      if n > cap then
        redis.call('ZREMRANGEBYRANK', KEYS[3], 0, n - cap - 1)
        dropped = n - cap
      end
      local ttl = redis.call('PTTL', KEYS[1])
      if ttl > 0 then redis.call('PEXPIRE', KEYS[3], ttl) end
      return {seq, dropped, redis.call('ZRANGE', KEYS[2], 0, -1)}
      """;

  private static final String READ =
      """
      if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
      local newest = tonumber(redis.call('HGET', KEYS[1], 'seq'))
      local page = redis.call('ZRANGEBYSCORE', KEYS[3], '(' .. ARGV[1], '+inf', 'LIMIT', 0, ARGV[2])
      return {newest, page}
      """;

  private static final String DELIVERED =
      """
      if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
      redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[1])
      """
          + RENEW
          + """
      return 1
      """;

  private static final String UNREGISTER =
      """
      redis.call('ZREM', KEYS[2], ARGV[1])
      return 1
      """;

  private final RedisBus bus;
  private final String namespace;
  private final int mailboxCap;

  /** The bus's limits ({@code plezi.bus.maxMessageBytes}): what is stored can also be sent. */
  private final EnvelopeCodec codec;

  private final RateLimitedLog problems = new RateLimitedLog(LOG);

  public RedisIdentityStore(RedisBus bus, String channel, int mailboxCap) {
    this.bus = bus;
    this.namespace = channel + ":identity:";
    this.mailboxCap = mailboxCap;
    this.codec = new EnvelopeCodec(bus.limits());
  }

  @Override
  public List<String> register(
      String identity, String connectionUuid, long lifetimeMillis, int maxConnections) {
    List<Object> dropped = eval(REGISTER, identity, connectionUuid, lifetimeMillis, maxConnections);
    List<String> uuids = new ArrayList<>();
    for (Object uuid : dropped) {
      uuids.add(uuid.toString());
    }
    return uuids;
  }

  @Override
  public void unregister(String identity, String connectionUuid) {
    eval(UNREGISTER, identity, connectionUuid);
  }

  @Override
  public Appended append(String identity, String event, List<Object> args) {
    String payload = codec.encode(Envelope.multicast(event, args, "mailbox"));
    List<Object> result = eval(APPEND, identity, payload, mailboxCap);
    long seq = ((Number) result.get(0)).longValue();
    if (seq < 0) {
      return null;
    }
    long dropped = ((Number) result.get(1)).longValue();
    if (dropped > 0) {
      problems.warn(
          "an identity's mailbox is over "
              + mailboxCap
              + " messages (plezi.mailbox.maxMessages): dropped the oldest");
    }
    List<String> connections = new ArrayList<>();
    for (Object uuid : (List<?>) result.get(2)) {
      connections.add(uuid.toString());
    }
    return new Appended(seq, connections, dropped);
  }

  @Override
  public Page read(String identity, long after, int max) {
    List<Object> result = eval(READ, identity, after, max);
    long newest = ((Number) result.get(0)).longValue();
    if (newest < 0) {
      return null;
    }
    List<Entry> entries = new ArrayList<>();
    for (Object stored : (List<?>) result.get(1)) {
      String text = stored.toString();
      int newline = text.indexOf('\n');
      long seq = Long.parseLong(text.substring(0, newline));
      Decoded decoded = codec.decode(text.substring(newline + 1));
      if (decoded instanceof Decoded.Message m) {
        entries.add(new Entry(seq, m.envelope().method(), m.envelope().data()));
      } else {
        problems.warn("skipped an unreadable mailbox entry of an identity: " + decoded);
      }
    }
    return new Page(entries, newest);
  }

  @Override
  public void delivered(String identity, long seq) {
    eval(DELIVERED, identity, seq);
  }

  @SuppressWarnings("unchecked")
  private <T> T eval(String script, String identity, Object... args) {
    String base = namespace + "{" + identity + "}:";
    List<Object> keys = List.of(base + "meta", base + "conns", base + "box");
    Object[] values = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      values[i] = String.valueOf(args[i]);
    }
    RScript.ReturnType type =
        script == DELIVERED || script == UNREGISTER
            ? RScript.ReturnType.INTEGER
            : RScript.ReturnType.MULTI;
    return bus.calls()
        .call(
            () ->
                (T)
                    bus.client()
                        .getScript(StringCodec.INSTANCE)
                        .eval(RScript.Mode.READ_WRITE, script, type, keys, values));
  }

  @Override
  public CompletableFuture<Integer> restore(
      String identity,
      String connectionUuid,
      long lifetimeMillis,
      int maxConnections,
      long cursor) {
    return bus.calls()
        .callAsync(
            () ->
                new IdentityRestore(bus.client(), bus.channel())
                    .restore(identity, connectionUuid, lifetimeMillis, maxConnections, cursor))
        .thenApply(
            outcome ->
                switch (outcome) {
                  case WRITTEN -> 1;
                  case PRESENT -> 0;
                  case FULL -> -1;
                });
  }

  @Override
  public CompletableFuture<Void> unregisterAsync(String identity, String connectionUuid) {
    String base = namespace + "{" + identity + "}:";
    List<Object> keys = List.of(base + "meta", base + "conns", base + "box");
    return bus.calls()
        .callAsync(
            () ->
                bus.client()
                    .getScript(StringCodec.INSTANCE)
                    .<Long>evalAsync(
                        RScript.Mode.READ_WRITE,
                        UNREGISTER,
                        RScript.ReturnType.INTEGER,
                        keys,
                        connectionUuid))
        .thenApply(removed -> null);
  }

  @Override
  public void close() {
    // the bus owns the Redis client
  }
}
