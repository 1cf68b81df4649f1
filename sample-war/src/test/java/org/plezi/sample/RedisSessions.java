package org.plezi.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.core.StandardContext;
import org.redisson.tomcat.RedissonSessionManager;

/**
 * HTTP sessions in Redis for the embedded Tomcat, with Redisson's session manager
 * (org.redisson:redisson-tomcat-10): every instance on the same Redis sees the same sessions, and a
 * session that expires in Redis is gone for all of them. The application is marked distributable,
 * so Tomcat refuses a session attribute that cannot be serialized at the moment it is set ({@code
 * IllegalArgumentException}) instead of losing it later.
 */
final class RedisSessions {
  /** Session keys in Redis start with this, apart from any other data in the same Redis. */
  static final String KEY_PREFIX = "plezi_sample:";

  private RedisSessions() {}

  /**
   * Puts the context's sessions in the Redis at {@code redisUrl}, or in the one a Redisson YAML
   * file describes (Sentinel, Cluster: {@code PL_REDIS_CONFIG}) when it is not a {@code redis://}
   * or {@code rediss://} URL; before the context starts.
   */
  static void install(StandardContext context, String redisUrl, Path workDir) {
    if (!redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
      use(context, Path.of(redisUrl).toAbsolutePath());
      return;
    }
    Path config = workDir.resolve("redisson-sessions.yaml");
    try {
      // Quoted as a YAML string; the URL comes from PL_REDIS_URL, validated by the caller.
      Files.writeString(
          config,
          "singleServerConfig:\n"
              + "  address: \""
              + redisUrl.replace("\\", "\\\\").replace("\"", "\\\"")
              + "\"\n"
              + "  connectionMinimumIdleSize: 1\n"
              + "  connectionPoolSize: 4\n"
              + "  subscriptionConnectionMinimumIdleSize: 1\n"
              + "  subscriptionConnectionPoolSize: 1\n"
              + "threads: 2\n"
              + "nettyThreads: 4\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    use(context, config);
  }

  private static void use(StandardContext context, Path config) {
    RedissonSessionManager manager = new RedissonSessionManager();
    manager.setConfigPath(config.toString());
    manager.setReadMode("REDIS"); // every request reads the session from Redis: no stale copy
    manager.setUpdateMode("DEFAULT"); // each setAttribute is written at once
    manager.setKeyPrefix(KEY_PREFIX);
    context.setManager(manager);
    context.setDistributable(true);
  }
}
