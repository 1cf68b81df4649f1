package org.plezi.jakarta.internal.redis;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import org.plezi.jakarta.internal.metrics.RedisLink;
import org.redisson.api.NodeType;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.StatusListener;
import org.redisson.connection.ConnectionListener;

/**
 * Keeps a bus's {@link RedisLink} true from the Redis client's own events, with no probe of its own
 * (issue 19): the link is down when Redisson reports a Redis node disconnected, and up again when
 * Redisson has resubscribed this server's private channel (a reconnected pool alone does not make
 * the bus hear its messages again). Issue 21's link check may call {@link RedisLink#up} and {@link
 * RedisLink#down} as well: both are idempotent, so the two sources agree.
 *
 * <p>Measured with Redisson 3.52 against a killed and restarted {@code redis-server}: the node
 * listener hears the disconnect at once and the reconnect when Redis is back; a topic's status
 * listener hears the first subscription (when added before the topic's other listeners) and every
 * resubscription; it does not hear a lost subscription, hence the node listener.
 */
final class RedisLinkEvents {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  private RedisLinkEvents() {}

  /** Marks a lost link up again when the topic it is added to is resubscribed. */
  static StatusListener subscriptions(RedisLink link) {
    return new StatusListener() {
      @Override
      public void onSubscribe(String channel) {
        if (link.resubscribed()) {
          LOG.log(Level.INFO, "Plezi: Redis is back, the cluster channels are subscribed again");
        }
      }

      @Override
      public void onUnsubscribe(String channel) {
        // Only an explicit unsubscribe (close) is reported here, not a lost connection.
      }
    };
  }

  /**
   * Marks the link down when a Redis node disconnects.
   *
   * @return the listener's id, for {@link #unwatchNodes}
   */
  // Redisson 3.52 deprecates getNodesGroup() and the one-argument listener methods, without a
  // replacement that works on a client the application made (Config.setConnectionListener needs
  // the Config before the client exists).
  @SuppressWarnings("deprecation")
  static int watchNodes(RedissonClient client, RedisLink link) {
    return client
        .getNodesGroup()
        .addConnectionListener(
            new ConnectionListener() {
              @Override
              public void onConnect(InetSocketAddress address) {
                // Up only once the subscription is back (subscriptions()).
              }

              @Override
              public void onConnect(InetSocketAddress address, NodeType type) {}

              @Override
              public void onDisconnect(InetSocketAddress address) {
                if (link.down()) {
                  LOG.log(
                      Level.WARNING,
                      "Plezi: lost Redis at "
                          + address
                          + "; serving this server's connections only until it is back");
                }
              }

              @Override
              public void onDisconnect(InetSocketAddress address, NodeType type) {
                if (type != NodeType.SLAVE) { // a lost replica leaves the bus working
                  onDisconnect(address);
                }
              }
            });
  }

  /** Removes what {@link #watchNodes} added, from a client that outlives the bus. */
  @SuppressWarnings("deprecation")
  static void unwatchNodes(RedissonClient client, int id) {
    client.getNodesGroup().removeConnectionListener(id);
  }
}
