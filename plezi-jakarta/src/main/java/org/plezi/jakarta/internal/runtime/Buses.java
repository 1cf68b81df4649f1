package org.plezi.jakarta.internal.runtime;

import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Supplier;
import org.plezi.jakarta.internal.base.Settings;
import org.plezi.jakarta.internal.bus.Bus;
import org.plezi.jakarta.internal.bus.IdentityStore;
import org.plezi.jakarta.internal.bus.LocalBus;
import org.plezi.jakarta.internal.bus.LocalIdentityStore;

/** Chooses a deployment's bus: Redis when configured, else the in-process bus. */
final class Buses {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  private Buses() {}

  /**
   * The bus for these settings: over the application's own Redis client when it supplies one (which
   * then wins over {@code plezi.redis.url} and {@code plezi.redis.config}), else over a client made
   * from those settings, else in-process.
   *
   * @param redisClient supplies the application's {@code RedissonClient}; null for none
   * @throws IllegalArgumentException when Redis is configured but Redisson is missing or the
   *     configuration file cannot be read
   */
  static Bus choose(Settings settings, String serverUuid, String channel, Supplier<?> redisClient) {
    Bus bus = make(settings, serverUuid, channel, redisClient);
    if (bus instanceof org.plezi.jakarta.internal.redis.RedisBus redis) {
      redis.checkEvery(settings.get(Settings.REDIS_CHECK_MILLIS));
      redis.limitMessages((int) settings.get(Settings.BUS_MAX_MESSAGE_BYTES));
    }
    return bus;
  }

  private static Bus make(
      Settings settings, String serverUuid, String channel, Supplier<?> redisClient) {
    Optional<String> url = settings.get(Settings.REDIS_URL);
    Optional<String> file = settings.get(Settings.REDIS_CONFIG);
    if (redisClient != null) {
      requireRedisson("the application supplies a Redis client");
      if (url.isPresent() || file.isPresent()) {
        LOG.log(
            Level.INFO,
            "Plezi: the application's Redis client is used; plezi.redis.url and "
                + "plezi.redis.config are ignored");
      }
      return org.plezi.jakarta.internal.redis.RedisBuses.fromClient(
          serverUuid, channel, redisClient);
    }
    if (url.isEmpty() && file.isEmpty()) {
      LOG.log(Level.INFO, "Plezi: no Redis configured, single-server bus");
      return new LocalBus();
    }
    requireRedisson("Redis is configured (plezi.redis.url / PL_REDIS_URL or plezi.redis.config)");
    Optional<String> caFile = settings.get(Settings.REDIS_CA_FILE);
    if (file.isPresent()) {
      if (caFile.isPresent()) {
        throw new IllegalArgumentException(
            "plezi.redis.caFile goes with plezi.redis.url only: with plezi.redis.config, set the"
                + " trust store in the Redisson YAML file (sslTruststore)");
      }
      return org.plezi.jakarta.internal.redis.RedisBuses.fromConfigFile(
          serverUuid, channel, file.get());
    }
    return org.plezi.jakarta.internal.redis.RedisBuses.fromUrl(
        serverUuid, channel, url.get(), caFile.orElse(null));
  }

  /**
   * Plugs an owner of state this server keeps in Redis into the bus's healer (issue 21), which then
   * asks it to write its entries again when Redis lost them and to remove them at shutdown ({@link
   * #release}); nothing to do for the in-process bus, whose state dies with the JVM. Called from
   * {@code PleziRuntime.integrate} for each owner (identities first; channels and presence next),
   * before any connection opens.
   */
  static void heal(Bus bus, org.plezi.jakarta.internal.bus.ClusterState owner) {
    if (bus instanceof org.plezi.jakarta.internal.redis.RedisBus redis) {
      redis.healer().add(owner);
    }
  }

  /**
   * Shutdown, once every connection closed and before the bus closes: every owner plugged in with
   * {@link #heal} removes its entries, all of them together within {@code timeoutMillis}; without
   * Redis there is nothing to remove.
   */
  static void release(Bus bus, long timeoutMillis) {
    if (bus instanceof org.plezi.jakarta.internal.redis.RedisBus redis) {
      redis.healer().release(timeoutMillis);
    }
  }

  /**
   * Forgets Netty's thread-local map on the calling thread, a container's thread that started or
   * stopped the deployment: a Redis command issued from a thread outside Netty's event loops leaves
   * that map behind, and with it this application's class loader after undeploy (Tomcat's leak
   * detection and the redeploy loop of issue 21 found it). Without Redis there is nothing to do.
   */
  static void leaveCallerThread(Bus bus) {
    if (bus instanceof org.plezi.jakarta.internal.redis.RedisBus) {
      org.plezi.jakarta.internal.redis.Quiesce.forgetThreadLocals();
    }
  }

  /** The identity store that goes with a bus: Redis for a cluster, else this JVM's memory. */
  static IdentityStore identityStore(Bus bus, Settings settings, String channel) {
    int cap = (int) settings.get(Settings.MAILBOX_MAX_MESSAGES);
    if (bus instanceof org.plezi.jakarta.internal.redis.RedisBus redis) {
      return new org.plezi.jakarta.internal.redis.RedisIdentityStore(redis, channel, cap);
    }
    return new LocalIdentityStore(cap);
  }

  /** The presence store that goes with a bus (issue 17): Redis for a cluster, else memory. */
  static org.plezi.jakarta.internal.bus.PresenceStore presenceStore(
      Bus bus, String channel, String serverUuid) {
    if (bus instanceof org.plezi.jakarta.internal.redis.RedisBus redis) {
      return new org.plezi.jakarta.internal.redis.RedisPresenceStore(redis, channel, serverUuid);
    }
    return new org.plezi.jakarta.internal.bus.LocalPresenceStore();
  }

  /** The global channel: the setting, else derived from the application's name. */
  static String channel(Settings settings, ServletContext context) {
    return settings
        .get(Settings.CHANNEL)
        .orElseGet(
            () -> {
              String name = context.getServletContextName();
              if (name == null || name.isBlank()) {
                name = context.getContextPath().replaceFirst("^/", "");
              }
              String cleaned = name.replaceAll("[^A-Za-z0-9_.:-]+", "_");
              if (cleaned.length() > 180) {
                cleaned = cleaned.substring(0, 180);
              }
              return cleaned.isEmpty() ? "plezi" : "plezi_" + cleaned;
            });
  }

  private static void requireRedisson(String why) {
    try {
      Class.forName("org.redisson.Redisson", false, Buses.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          why
              + " but Plezi does not see Redisson on its class "
              + "path: add org.redisson:redisson to the application (beside Plezi's jar)");
    }
  }
}
