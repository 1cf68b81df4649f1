package org.plezi.jakarta.internal.redis;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Writes one connection's registration of an identity again, in the Redis identity store's layout
 * ({@code <channel>:identity:{<name>}:meta|conns|box}), idempotently. Phase 1 of #21: the script
 * joins the identity store's own once the layout (#14) is on main.
 *
 * <ul>
 *   <li>A connection still registered stays as it is: same order, no new registration counted.
 *   <li>A missing one is added with the next order number, only if the identity has room for it
 *       ({@code maxConnections}): a restore never pushes out a live registration; without room it
 *       answers {@link Outcome#FULL} and the connection gives the identity up.
 *   <li>The identity's message numbering continues above {@code cursor}, the last number this
 *       connection has seen, so that the first messages after a loss are not taken for repeats.
 *   <li>The three keys are renewed to the identity's lifetime, like a registration.
 * </ul>
 */
public final class IdentityRestore {
  /** What a restore did. */
  public enum Outcome {
    /** The connection was missing and is registered again. */
    WRITTEN,
    /** The connection was still registered: nothing changed but the expiry. */
    PRESENT,
    /** The identity has {@code maxConnections} other connections: not registered. */
    FULL
  }

  private static final String SCRIPT =
      """
      local present = redis.call('ZSCORE', KEYS[2], ARGV[1])
      if not present and redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return -1 end
      if redis.call('EXISTS', KEYS[1]) == 0 then
        redis.call('HSET', KEYS[1], 'lifetime', ARGV[2])
      end
      if not present then
        redis.call('ZADD', KEYS[2], redis.call('HINCRBY', KEYS[1], 'registrations', 1), ARGV[1])
      end
      local seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
      if seq < tonumber(ARGV[4]) then redis.call('HSET', KEYS[1], 'seq', ARGV[4]) end
      local life = redis.call('HGET', KEYS[1], 'lifetime')
      for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], life) end
      if present then return 0 end
      return 1
      """;

  private final RedissonClient client;
  private final String channel;

  /**
   * @param channel the cluster's global channel, whose namespace holds the identities
   */
  public IdentityRestore(RedissonClient client, String channel) {
    this.client = client;
    this.channel = channel;
  }

  /**
   * Starts restoring one registration.
   *
   * @param cursor the number of the last message of the identity the connection has seen (0: none)
   */
  public CompletableFuture<Outcome> restore(
      String identity,
      String connectionUuid,
      long lifetimeMillis,
      int maxConnections,
      long cursor) {
    List<Object> keys = IdentityKeys.of(channel, identity);
    return client
        .getScript(StringCodec.INSTANCE)
        .<Long>evalAsync(
            RScript.Mode.READ_WRITE,
            SCRIPT,
            RScript.ReturnType.INTEGER,
            keys,
            connectionUuid,
            Long.toString(lifetimeMillis),
            Integer.toString(maxConnections),
            Long.toString(Math.max(0, cursor)))
        .toCompletableFuture()
        .thenApply(code -> code > 0 ? Outcome.WRITTEN : code == 0 ? Outcome.PRESENT : Outcome.FULL);
  }
}
