package org.plezi.jakarta.internal.redis;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The topic of a server's private channel (named by its uuid: unicasts to it, answers to its own
 * unicasts). On Redis Cluster it is a sharded channel ({@code SSUBSCRIBE}/{@code SPUBLISH}, Redis
 * 7+, Redisson's {@code RShardedTopic}): a unicast then travels to the one shard that owns the
 * channel's slot, where its server listens, instead of being copied to every node of the cluster as
 * a classic {@code PUBLISH} is, so the servers' private traffic spreads over the shards; and {@code
 * SPUBLISH} counts the subscribers on that shard, which is what tells a gone server. The global
 * channel stays classic: every server must hear it, so sharding would put all of it on one shard,
 * and other programs ({@code redis-cli PUBLISH}, Ruby Plezi) publish there with {@code PUBLISH},
 * which a sharded subscriber never hears. On a single server and Sentinel both channels are
 * classic.
 */
final class PrivateChannels {
  private PrivateChannels() {}

  /** The private channel of {@code serverUuid}, sharded when {@code client} is a cluster's. */
  static RTopic of(RedissonClient client, String serverUuid) {
    return sharded(client)
        ? client.getShardedTopic(serverUuid, StringCodec.INSTANCE)
        : client.getTopic(serverUuid, StringCodec.INSTANCE);
  }

  /** Whether private channels are sharded: the client is configured for Redis Cluster. */
  static boolean sharded(RedissonClient client) {
    return client.getConfig().isClusterConfig();
  }
}
