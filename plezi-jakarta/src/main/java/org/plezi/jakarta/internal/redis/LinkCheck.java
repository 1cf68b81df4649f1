package org.plezi.jakarta.internal.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.plezi.jakarta.internal.bus.Healer;
import org.plezi.jakarta.internal.bus.RedisLife;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.OptionalOptions;
import org.redisson.client.codec.StringCodec;

/**
 * The link check: one Lua script, one round trip, atomic. It reads the cluster's epoch marker
 * ({@code <channel>:epoch}, no expiry), writing a fresh one when it is missing, so that of several
 * servers finding it missing at once exactly one writes it; and it reads Redis's {@code run_id} and
 * the number of subscribers of this server's private channel. The marker is the script's only key,
 * so on Redis Cluster the script runs on the marker's node, and the run id is that node's.
 */
public final class LinkCheck implements Healer.Probe {
  /**
   * The marker is written with SET and never given an expiry: it lives as long as the data. One
   * that is not a non-empty string (someone else's key) is replaced, which counts as lost data.
   */
  private static final String SCRIPT =
      """
      if redis.call('TYPE', KEYS[1]).ok ~= 'string' then redis.call('DEL', KEYS[1]) end
      local epoch = redis.call('GET', KEYS[1])
      if not epoch or epoch == '' then
        redis.call('SET', KEYS[1], ARGV[1])
        epoch = ARGV[1]
      end
      local run = string.match(redis.call('INFO', 'server'), 'run_id:(%x+)') or ''
      local subscribers = redis.call('PUBSUB', 'NUMSUB', ARGV[2])[2]
      return {epoch, run, subscribers}
      """;

  /** The longest marker accepted from Redis; a longer one (written by someone else) is cut. */
  private static final int MAX_EPOCH = 64;

  private final RScript script;
  private final String marker;
  private final String privateChannel;

  /**
   * @param channel the cluster's global channel, whose namespace holds the marker
   * @param privateChannel this server's private channel (its uuid)
   * @param timeout how long one check waits for Redis; it is tried once (the next check is the
   *     retry): measured, a check on a dead link then fails within milliseconds, where Redisson's
   *     default retries hold it 4.6 s
   */
  public LinkCheck(RedissonClient client, String channel, String privateChannel, Duration timeout) {
    this.script =
        client.getScript(
            OptionalOptions.defaults()
                .codec(StringCodec.INSTANCE)
                .timeout(timeout)
                .retryAttempts(0));
    this.marker = channel + ":epoch";
    this.privateChannel = privateChannel;
  }

  /** The marker's key. */
  public String marker() {
    return marker;
  }

  @Override
  public RedisLife read() {
    List<?> answer =
        script.eval(
            RScript.Mode.READ_WRITE,
            SCRIPT,
            RScript.ReturnType.MULTI,
            List.of(marker),
            UUID.randomUUID().toString(),
            privateChannel);
    if (answer == null || answer.size() != 3) {
      throw new IllegalStateException("the link check got an unexpected answer: " + answer);
    }
    String epoch = String.valueOf(answer.get(0));
    if (epoch.length() > MAX_EPOCH) {
      epoch = epoch.substring(0, MAX_EPOCH);
    }
    Object subscribers = answer.get(2);
    return new RedisLife(
        epoch, String.valueOf(answer.get(1)), subscribers instanceof Number n ? n.longValue() : -1);
  }
}
