package org.plezi.bench.server;

import java.util.concurrent.atomic.LongAdder;
import org.redisson.Redisson;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * The baseline's cluster: the raw payload published on Redis channel {@code bench_raw} and fanned
 * out by every server that receives it, with the same Redisson client settings as the library's
 * bus. No envelope: the baseline knows its only message.
 */
final class RawCluster implements AutoCloseable {
  static final String CHANNEL = "bench_raw";

  private final RedissonClient client;
  private final RTopic topic;
  private final LongAdder published = new LongAdder();

  RawCluster(String url, RawEndpoint.Hub hub) {
    Config config = new Config();
    config.setThreads(2);
    config.setNettyThreads(4);
    config
        .useSingleServer()
        .setAddress(url)
        .setConnectionMinimumIdleSize(1)
        .setConnectionPoolSize(4)
        .setSubscriptionConnectionMinimumIdleSize(1)
        .setSubscriptionConnectionPoolSize(1);
    client = Redisson.create(config);
    topic = client.getTopic(CHANNEL, StringCodec.INSTANCE);
    topic.addListener(String.class, (channel, payload) -> hub.broadcast(payload));
  }

  void publish(String payload) {
    published.increment();
    topic.publishAsync(payload);
  }

  long published() {
    return published.sum();
  }

  @Override
  public void close() {
    client.shutdown();
  }
}
