package org.plezi.jakarta.internal.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.plezi.jakarta.internal.wire.EnvelopeCodec;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Makes the Redis bus from settings or over the application's own client. The only class that reads
 * Redisson's configuration types, loaded only when Redis is configured, so the core runs without
 * Redisson on the class path.
 */
public final class RedisBuses {
  private RedisBuses() {}

  /** A bus that connects to the Redis server at {@code url}, with a fixed small pool. */
  public static RedisBus fromUrl(String serverUuid, String channel, String url) {
    Supplier<RedissonClient> connector =
        () -> {
          Config config = new Config();
          config.setThreads(2);
          config.setNettyThreads(4);
          config
              .useSingleServer()
              .setAddress(url)
              .setConnectionMinimumIdleSize(1)
              .setConnectionPoolSize(4)
              .setSubscriptionConnectionMinimumIdleSize(1)
              .setSubscriptionConnectionPoolSize(1)
              // every channel on that one connection (issue 17); see RedisClientConfig
              .setSubscriptionsPerConnection(RedisClientConfig.SUBSCRIPTIONS_PER_CONNECTION)
              .setConnectTimeout(5_000)
              .setTimeout(5_000);
          return Redisson.create(config);
        };
    return new RedisBus(serverUuid, channel, connector, true, new EnvelopeCodec());
  }

  /** A bus configured by a Redisson YAML file (Sentinel, Cluster, TLS...). */
  public static RedisBus fromConfigFile(String serverUuid, String channel, String path) {
    File file = new File(path);
    if (!file.isFile() || !file.canRead()) {
      throw new IllegalArgumentException("plezi.redis.config: no readable file at " + path);
    }
    Supplier<RedissonClient> connector =
        () -> {
          try {
            return Redisson.create(Config.fromYAML(file));
          } catch (IOException e) {
            throw new UncheckedIOException("plezi.redis.config " + path + ": " + e.getMessage(), e);
          }
        };
    return new RedisBus(serverUuid, channel, connector, true, new EnvelopeCodec());
  }

  /**
   * A bus over the application's own client, which Plezi never shuts down. The supplier is asked on
   * the bus's connecting thread, again after each failure until it answers, then never again: a
   * client that cannot reach Redis yet (a CDI producer that throws) is retried like Plezi's own.
   *
   * @param client supplies an {@code org.redisson.api.RedissonClient}
   */
  public static RedisBus fromClient(String serverUuid, String channel, Supplier<?> client) {
    Supplier<RedissonClient> connector =
        new Supplier<>() {
          /** The client once supplied; read and written on the connecting thread only. */
          private RedissonClient supplied;

          @Override
          public RedissonClient get() {
            if (supplied == null) {
              Object candidate = client.get();
              if (!(candidate instanceof RedissonClient redisson)) {
                throw new IllegalStateException(
                    "the application's Redis client is not an "
                        + RedissonClient.class.getName()
                        + " that Plezi's class loader sees: "
                        + (candidate == null ? "null" : candidate.getClass().getName()));
              }
              supplied = redisson;
            }
            return supplied;
          }
        };
    return new RedisBus(serverUuid, channel, connector, false, new EnvelopeCodec());
  }
}
