package org.plezi.jakarta.cdi.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** The application's own Redis client, which it also shuts down: Plezi's bus uses it. */
@Dependent
public class RedisClientProducer {
  /** The system property holding the Redis server's URL. */
  public static final String URL_PROPERTY = "plezi.test.redis.url";

  @Produces
  @ApplicationScoped
  RedissonClient redis() {
    Config config = new Config();
    config.useSingleServer().setAddress(System.getProperty(URL_PROPERTY));
    return Redisson.create(config);
  }

  void close(@Disposes RedissonClient client) {
    client.shutdown();
  }
}
