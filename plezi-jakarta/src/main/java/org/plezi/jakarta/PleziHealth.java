package org.plezi.jakarta;

import java.util.Objects;

/**
 * Whether one deployment is alive and ready for traffic, for liveness and readiness probes; taken
 * by {@link Plezi#health}. Immutable.
 *
 * <ul>
 *   <li><b>live</b>: the deployment is installed and its undeploy has not begun.
 *   <li><b>ready</b>: start-up is over (every {@code ServletContextListener} ran and the bus was
 *       chosen), the application is not being undeployed, and the cluster bus is joined to Redis
 *       ({@link Redis#CONNECTED}) or no Redis is configured ({@link Redis#NOT_CONFIGURED}). While
 *       Redis is connecting or lost, the server still serves its own connections, but messages to
 *       and from other servers are lost: a load balancer should send new clients elsewhere.
 * </ul>
 *
 * @param serverUuid the deployment's server uuid
 * @param live see above
 * @param ready see above
 * @param started start-up is over
 * @param stopping undeploy has begun
 * @param redis the state of the Redis link
 */
public record PleziHealth(
    String serverUuid,
    boolean live,
    boolean ready,
    boolean started,
    boolean stopping,
    Redis redis) {
  /** The cluster bus's link to Redis. */
  public enum Redis {
    /** No Redis is configured: the in-process bus runs, and nothing is missing. */
    NOT_CONFIGURED,
    /** Redis is configured but has not been joined yet (the bus retries in the background). */
    CONNECTING,
    /** Joined, and the last Redis call or link check succeeded. */
    CONNECTED,
    /**
     * Joined once, then lost: a Redis call failed or the link check ({@code
     * plezi.redis.checkMillis}, every 2 s by default) could not reach Redis; {@code CONNECTED}
     * again after the next good link check. Redisson reconnects by itself. Also reported while the
     * bus closes at undeploy.
     */
    DISCONNECTED
  }

  public PleziHealth {
    Objects.requireNonNull(serverUuid, "serverUuid");
    Objects.requireNonNull(redis, "redis");
  }

  /** The answer for a deployment in these states; {@code ready} and {@code live} follow them. */
  public static PleziHealth of(String serverUuid, boolean started, boolean stopping, Redis redis) {
    boolean live = !stopping;
    boolean ready =
        started && !stopping && (redis == Redis.CONNECTED || redis == Redis.NOT_CONFIGURED);
    return new PleziHealth(serverUuid, live, ready, started, stopping, redis);
  }
}
