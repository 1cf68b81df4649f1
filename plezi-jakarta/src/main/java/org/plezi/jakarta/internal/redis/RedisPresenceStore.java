package org.plezi.jakarta.internal.redis;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.plezi.jakarta.internal.base.Threads;
import org.plezi.jakarta.internal.bus.PresenceStore;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * Presence in Redis (issue 17; on Redis Cluster since issue 20). Every key of a channel shares the
 * channel's hash tag ({@link IdentityKeys#tag}), so each script reaches one slot: the hash {@code
 * <cluster>:pr:{<channel>}} (member to its metadata, {@code k=v&k=v} URL-encoded), per member the
 * set {@code <cluster>:pr:{<channel>}#<member>} of the servers holding one of its connections
 * there, and the hash {@code <cluster>:pr:{<channel>}:alive} of those servers' leases: server uuid
 * to the time (milliseconds, Redis's clock, {@code TIME} in the script) until which it counts as
 * alive. Each server renews its lease in every channel where it holds members every {@value
 * #HEARTBEAT_MILLIS} ms to {@value #TTL_MILLIS} ms ahead (one script per channel), so a server that
 * dies (SIGKILL) stops renewing, and every read and write ignores and removes the servers whose
 * lease ran out: its members leave every list within {@value #TTL_MILLIS} ms. A restarted instance
 * has a new uuid and cannot make them alive again. The same keys on a single server, Sentinel and
 * Cluster.
 */
public final class RedisPresenceStore implements PresenceStore {
  /** How long a server's members outlive its last heartbeat, at most. */
  public static final long TTL_MILLIS = 10_000;

  /** How long {@link #close} waits for Redis to end this server's leases. */
  static final long CLOSE_WAIT_MILLIS = 2_000;

  /** How often a server renews its liveness. */
  public static final long HEARTBEAT_MILLIS = 3_000;

  /** Redis's clock in ms, and whether server s's lease (in hash k) runs past t. */
  private static final String CLOCK =
      "local function now()\n"
          + "  local t = redis.call('TIME')\n"
          + "  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
          + "end\n"
          + "local function alive(k, s, t)\n"
          + "  local until_ = redis.call('HGET', k, s)\n"
          + "  return until_ ~= false and tonumber(until_) ~= nil and tonumber(until_) > t\n"
          + "end\n"
          + "local function lease(k, s, t, ttl)\n"
          + "  redis.call('HSET', k, s, string.format('%.0f', t + tonumber(ttl)))\n"
          + "  redis.call('PEXPIRE', k, ttl)\n"
          + "end\n";

  /**
   * KEYS: hash, leases, set; ARGV: server, member, metadata, max, ttl. The metadata is the first
   * connection's: a join while another live server holds the member keeps what is there (before
   * issue 20 a second server's join overwrote it), and writes it only if it is missing (a heal).
   */
  private static final String JOIN =
      CLOCK
          + "if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 0"
          + " and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return -1 end\n"
          + "local t = now()\n"
          + "lease(KEYS[2], ARGV[1], t, ARGV[5])\n"
          + "local others = 0\n"
          + "for _, s in ipairs(redis.call('SMEMBERS', KEYS[3])) do\n"
          + "  if s ~= ARGV[1] then\n"
          + "    if alive(KEYS[2], s, t) then others = others + 1"
          + " else redis.call('SREM', KEYS[3], s) end\n"
          + "  end\n"
          + "end\n"
          + "if others == 0 then redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])\n"
          + "else redis.call('HSETNX', KEYS[1], ARGV[2], ARGV[3]) end\n"
          + "redis.call('SADD', KEYS[3], ARGV[1])\n"
          + "if others == 0 then return 1 end\n"
          + "return 0\n";

  /** KEYS: hash, leases, set; ARGV: server, member. */
  private static final String LEAVE =
      CLOCK
          + "redis.call('SREM', KEYS[3], ARGV[1])\n"
          + "local t = now()\n"
          + "for _, s in ipairs(redis.call('SMEMBERS', KEYS[3])) do\n"
          + "  if alive(KEYS[2], s, t) then return 0 end\n"
          + "  redis.call('SREM', KEYS[3], s)\n"
          + "end\n"
          + "redis.call('HDEL', KEYS[1], ARGV[2])\n"
          + "redis.call('DEL', KEYS[3])\n"
          + "return 1\n";

  /**
   * KEYS: hash, leases; ARGV: set prefix, max. The member sets are not among KEYS (their number is
   * the channel's): they share the hash tag, so they are in the slot of KEYS.
   */
  private static final String LIST =
      CLOCK
          + "local t = now()\n"
          + "local live = {}\n"
          + "local leases = redis.call('HGETALL', KEYS[2])\n"
          + "for i = 1, #leases, 2 do\n"
          + "  local until_ = tonumber(leases[i + 1])\n"
          + "  if until_ ~= nil and until_ > t then live[leases[i]] = true"
          + " else redis.call('HDEL', KEYS[2], leases[i]) end\n"
          + "end\n"
          + "local out = {}\n"
          + "local all = redis.call('HGETALL', KEYS[1])\n"
          + "for i = 1, #all, 2 do\n"
          + "  local m = all[i]\n"
          + "  local set = ARGV[1] .. m\n"
          + "  local present = false\n"
          + "  for _, s in ipairs(redis.call('SMEMBERS', set)) do\n"
          + "    if live[s] then present = true else redis.call('SREM', set, s) end\n"
          + "  end\n"
          + "  if present then\n"
          + "    if #out < 2 * tonumber(ARGV[2]) then out[#out + 1] = m; out[#out + 1] = all[i + 1] end\n"
          + "  else redis.call('HDEL', KEYS[1], m) end\n"
          + "end\n"
          + "return out\n";

  /** KEYS: leases; ARGV: server, ttl. */
  private static final String RENEW = CLOCK + "lease(KEYS[1], ARGV[1], now(), ARGV[2])\nreturn 1\n";

  private final RedisBus bus;
  private final String prefix;
  private final String serverUuid;
  private final ScheduledExecutorService heartbeat;

  /**
   * The channels where this server holds members, and those members: the heartbeat renews its lease
   * in each. Changed only inside {@code compute}, so a set is never read while it changes.
   */
  private final ConcurrentHashMap<String, Set<String>> held = new ConcurrentHashMap<>();

  /**
   * Per channel, when ({@link System#nanoTime}) this server last wrote its lease there: {@link
   * #close} ends each lease still running, also where the last member's leave has not reached Redis
   * (a connection the shutdown closes after the store's release: ChannelHealIT saw its leave
   * refused with "Redis is closed" and the member stay 10 s). Entries go once the lease ran out.
   */
  private final ConcurrentHashMap<String, Long> leased = new ConcurrentHashMap<>();

  public RedisPresenceStore(RedisBus bus, String clusterChannel, String serverUuid) {
    this.bus = bus;
    this.prefix = clusterChannel + ":pr:{";
    this.serverUuid = serverUuid;
    this.heartbeat = Threads.scheduler("presence", serverUuid);
    heartbeat.scheduleWithFixedDelay(
        this::beat, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The channel's member hash; its lease hash and member sets follow from it. */
  private String hash(String channel) {
    return prefix + IdentityKeys.tag(channel) + "}";
  }

  private String leases(String channel) {
    return hash(channel) + ":alive";
  }

  private String set(String channel, String member) {
    return hash(channel) + "#" + member;
  }

  private void beat() {
    long now = System.nanoTime();
    leased.values().removeIf(at -> now - at > TimeUnit.MILLISECONDS.toNanos(TTL_MILLIS));
    if (!bus.isConnected()) {
      return;
    }
    for (String channel : held.keySet()) {
      leased.put(channel, System.nanoTime());
      this.<Long>eval(
              RENEW,
              RScript.ReturnType.INTEGER,
              List.of(leases(channel)),
              serverUuid,
              Long.toString(TTL_MILLIS))
          .exceptionally(failure -> null); // an outage is counted and logged by the funnel
    }
  }

  @Override
  public CompletionStage<Boolean> join(
      String channel, String member, Map<String, String> metadata) {
    held.compute(
        channel,
        (c, members) -> {
          Set<String> updated = members == null ? new HashSet<>() : members;
          updated.add(member);
          return updated;
        });
    leased.put(channel, System.nanoTime());
    return this.<Long>eval(
            JOIN,
            RScript.ReturnType.INTEGER,
            List.of(hash(channel), leases(channel), set(channel, member)),
            serverUuid,
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
    held.computeIfPresent(
        channel,
        (c, members) -> {
          members.remove(member);
          return members.isEmpty() ? null : members;
        });
    return this.<Long>eval(
            LEAVE,
            RScript.ReturnType.INTEGER,
            List.of(hash(channel), leases(channel), set(channel, member)),
            serverUuid,
            member)
        .thenApply(result -> result == 1);
  }

  @Override
  public CompletionStage<Map<String, Map<String, String>>> list(String channel) {
    return this.<List<Object>>eval(
            LIST,
            RScript.ReturnType.MULTI,
            List.of(hash(channel), leases(channel)),
            hash(channel) + "#",
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

  private <T> CompletableFuture<T> eval(
      String script, RScript.ReturnType type, List<Object> keys, Object... values) {
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

  /**
   * Stops the heartbeat and ends this server's lease in every channel where it may still run, so
   * its members there go at once; waits for Redis's answers at most {@value #CLOSE_WAIT_MILLIS} ms
   * (the bus closes next).
   */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    if (!bus.isConnected()) {
      return; // the leases run out within TTL_MILLIS
    }
    List<CompletableFuture<?>> ends = new ArrayList<>();
    try {
      for (String channel : leased.keySet()) {
        ends.add(
            bus.client()
                .getMap(leases(channel), StringCodec.INSTANCE)
                .fastRemoveAsync(serverUuid)
                .toCompletableFuture());
      }
      CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
          .get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | ExecutionException | TimeoutException e) {
      // the client is going: the leases run out within TTL_MILLIS
    }
  }
}
