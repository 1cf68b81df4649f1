package org.plezi.jakarta.cdi.redis;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.plezi.jakarta.PleziSettings;

/** Settings in code that join the cluster by URL: Plezi makes (and owns) the Redis client. */
@Dependent
public class RedisUrlSettings {
  @Produces
  PleziSettings settings() {
    return PleziSettings.empty()
        .with("plezi.redis.url", System.getProperty(RedisClientProducer.URL_PROPERTY))
        .with("plezi.channel", ChannelSettings.CHANNEL);
  }
}
