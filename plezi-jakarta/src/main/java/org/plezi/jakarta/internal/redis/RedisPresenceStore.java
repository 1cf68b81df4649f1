package org.plezi.jakarta.internal.redis;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.plezi.jakarta.internal.base.Threads;
import org.plezi.jakarta.internal.bus.PresenceStore;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * Presence in Redis (issue 17). Per channel, the hash {@code <cluster>:pr:<channel>} (member to its
 * metadata, {@code k=v&k=v} URL-encoded) and per member the set {@code
 * <cluster>:pr:<channel>#<member>} of the servers holding one of its connections there. Each server
 * keeps {@code <cluster>:alive:<server uuid>} alive with a {@value #TTL_MILLIS} ms expiry, renewed
 * every {@value #HEARTBEAT_MILLIS} ms: a server that dies (SIGKILL) stops renewing it, and every
 * read and write ignores and removes the servers whose key expired, so its members leave every list
 * within {@value #TTL_MILLIS} ms. A restarted instance has a new uuid and cannot make them alive
 * again. Each operation is one Lua script (a single Redis server or Sentinel: the scripts touch
 * keys they are not given, which Redis Cluster refuses). On Redis Cluster the store refuses every
 * call with {@link #ON_CLUSTER}, without a Redis command: the scripts would fail with {@code
 * CROSSSLOT} on join and leave, and a list would answer an empty channel, as if nobody were there.
 */
public final class RedisPresenceStore implements PresenceStore {
  /** How long a server's members outlive its last heartbeat, at most. */
  public static final long TTL_MILLIS = 10_000;

  /** How often a server renews its liveness. */
  public static final long HEARTBEAT_MILLIS = 3_000;

  /** Why presence is refused on Redis Cluster. */
  public static final String ON_CLUSTER =
      "Plezi: presence does not run on Redis Cluster (its Lua scripts read keys in other slots);"
          + " use a single Redis server or Sentinel for an application that tracks presence";

  private static final String ALIVE =
      "local function alive(s) return redis.call('EXISTS', ARGV[2] .. s) == 1 end\n";

  /** KEYS: hash, set; ARGV: server, alive prefix, member, metadata, max, ttl. */
  private static final String JOIN =
      ALIVE
          + "if redis.call('HEXISTS', KEYS[1], ARGV[3]) == 0"
          + " and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[5]) then return -1 end\n"
          + "redis.call('SET', ARGV[2] .. ARGV[1], '1', 'PX', ARGV[6])\n"
          + "redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])\n"
          + "local others = 0\n"
          + "for _, s in ipairs(redis.call('SMEMBERS', KEYS[2])) do\n"
          + "  if s ~= ARGV[1] then\n"
          + "    if alive(s) then others = others + 1 else redis.call('SREM', KEYS[2], s) end\n"
          + "  end\n"
          + "end\n"
          + "redis.call('SADD', KEYS[2], ARGV[1])\n"
          + "if others == 0 then return 1 end\n"
          + "return 0\n";

  /** KEYS: hash, set; ARGV: server, alive prefix, member. */
  private static final String LEAVE =
      ALIVE
          + "redis.call('SREM', KEYS[2], ARGV[1])\n"
          + "for _, s in ipairs(redis.call('SMEMBERS', KEYS[2])) do\n"
          + "  if alive(s) then return 0 end\n"
          + "  redis.call('SREM', KEYS[2], s)\n"
          + "end\n"
          + "redis.call('HDEL', KEYS[1], ARGV[3])\n"
          + "redis.call('DEL', KEYS[2])\n"
          + "return 1\n";

  /** KEYS: hash; ARGV: set prefix, alive prefix, max. */
  private static final String LIST =
      ALIVE
          + "local out = {}\n"
          + "local all = redis.call('HGETALL', KEYS[1])\n"
          + "for i = 1, #all, 2 do\n"
          + "  local m = all[i]\n"
          + "  local set = ARGV[1] .. m\n"
          + "  local present = false\n"
          + "  for _, s in ipairs(redis.call('SMEMBERS', set)) do\n"
          + "    if alive(s) then present = true else redis.call('SREM', set, s) end\n"
          + "  end\n"
          + "  if present then\n"
          + "    if #out < 2 * tonumber(ARGV[3]) then out[#out + 1] = m; out[#out + 1] = all[i + 1] end\n"
          + "  else redis.call('HDEL', KEYS[1], m) end\n"
          + "end\n"
          + "return out\n";

  private final RedisBus bus;
  private final String prefix;
  private final String alivePrefix;
  private final String serverUuid;
  private final ScheduledExecutorService heartbeat;

  public RedisPresenceStore(RedisBus bus, String clusterChannel, String serverUuid) {
    this.bus = bus;
    this.prefix = clusterChannel + ":pr:";
    this.alivePrefix = clusterChannel + ":alive:";
    this.serverUuid = serverUuid;
    this.heartbeat = Threads.scheduler("presence", serverUuid);
    heartbeat.scheduleWithFixedDelay(
        this::beat, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void beat() {
    if (!bus.isConnected() || unsupported() != null) {
      return;
    }
    bus.calls()
        .callAsync(
            () ->
                bus.client()
                    .getBucket(alivePrefix + serverUuid, StringCodec.INSTANCE)
                    .setAsync("1", TTL_MILLIS, TimeUnit.MILLISECONDS))
        .exceptionally(failure -> null); // an outage is counted and logged by the funnel
  }

  @Override
  public CompletionStage<Boolean> join(
      String channel, String member, Map<String, String> metadata) {
    return this.<Long>eval(
            JOIN,
            RScript.ReturnType.INTEGER,
            List.of(prefix + channel, prefix + channel + "#" + member),
            serverUuid,
            alivePrefix,
            member,
            encode(metadata),
            Integer.toString(MAX_MEMBERS),
            Long.toString(TTL_MILLIS))
        .thenApply(
            result -> {
              if (result == -1) {
                throw new IllegalStateException(
                    "channel '" + channel + "' has " + MAX_MEMBERS + " members already");
              }
              return result == 1;
            });
  }

  @Override
  public CompletionStage<Boolean> leave(String channel, String member) {
    return this.<Long>eval(
            LEAVE,
            RScript.ReturnType.INTEGER,
            List.of(prefix + channel, prefix + channel + "#" + member),
            serverUuid,
            alivePrefix,
            member)
        .thenApply(result -> result == 1);
  }

  @Override
  public CompletionStage<Map<String, Map<String, String>>> list(String channel) {
    return this.<List<Object>>eval(
            LIST,
            RScript.ReturnType.MULTI,
            List.of(prefix + channel),
            prefix + channel + "#",
            alivePrefix,
            Integer.toString(MAX_MEMBERS))
        .thenApply(
            flat -> {
              Map<String, Map<String, String>> members = new TreeMap<>();
              for (int i = 0; i + 1 < flat.size(); i += 2) {
                members.put(String.valueOf(flat.get(i)), decode(String.valueOf(flat.get(i + 1))));
              }
              return members;
            });
  }

  /** {@link #ON_CLUSTER} once joined to Redis Cluster; null on a single server or Sentinel. */
  @Override
  public String unsupported() {
    if (!bus.isConnected()) {
      return null; // not known yet: a call now fails as during an outage
    }
    try {
      return PrivateChannels.sharded(bus.client()) ? ON_CLUSTER : null;
    } catch (IllegalStateException e) {
      return null; // closing: the call fails as during an outage
    }
  }

  private <T> CompletableFuture<T> eval(
      String script, RScript.ReturnType type, List<Object> keys, Object... values) {
    String refused = unsupported();
    if (refused != null) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException(refused));
    }
    return bus.calls()
        .callAsync(
            () ->
                bus.client()
                    .getScript(StringCodec.INSTANCE)
                    .<T>evalAsync(RScript.Mode.READ_WRITE, script, type, keys, values));
  }

  static String encode(Map<String, String> metadata) {
    StringBuilder out = new StringBuilder();
    metadata.forEach(
        (k, v) -> {
          if (out.length() > 0) {
            out.append('&');
          }
          out.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return out.toString();
  }

  /** Metadata as stored; what another program wrote there is read within the same bounds. */
  static Map<String, String> decode(String stored) {
    Map<String, String> out = new LinkedHashMap<>();
    if (stored.isEmpty() || stored.length() > 8 * 1024) {
      return out;
    }
    for (String pair : stored.split("&", 9)) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || out.size() == 8) {
        continue;
      }
      try {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // not ours: skipped
      }
    }
    return out;
  }

  /** Stops the heartbeat and removes this server's liveness, so its members go at once. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    if (bus.isConnected()) {
      try {
        bus.client().getBucket(alivePrefix + serverUuid, StringCodec.INSTANCE).deleteAsync();
      } catch (RuntimeException e) {
        // the client is going: the key expires within TTL_MILLIS
      }
    }
  }
}
