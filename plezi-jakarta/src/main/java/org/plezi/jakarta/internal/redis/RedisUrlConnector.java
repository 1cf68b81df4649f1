package org.plezi.jakarta.internal.redis;

import io.netty.util.concurrent.FastThreadLocal;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.TrustManagerFactory;
import org.plezi.jakarta.internal.base.Threads;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Turns the {@code plezi.redis.url} and {@code plezi.redis.caFile} settings into the bus's
 * connector, and tries one connection on the deployment's start-up thread (no retry, at most the
 * connect timeout), so that a mistake that no retry can fix (a wrong or missing password, an
 * unknown user, a certificate the client does not trust, a server that does not speak TLS) fails
 * the deployment at once, with a message that names the host, port and user but never the password.
 * A server that is only down or unreachable does not: the bus connects in the background, retrying,
 * as it always has. The probe's client is shut down at once; the bus makes its own, with Redisson's
 * usual retries.
 *
 * <p>No message of this class holds the password: the driver gets the address without credentials,
 * and every driver message is scrubbed ({@link RedisUrl#redact}) before it is shown.
 */
public final class RedisUrlConnector implements Supplier<RedissonClient> {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  private final RedisUrl url;
  private final Config config;

  /** Whether {@code plezi.redis.caFile} replaced the JVM's trust store. */
  private final boolean caFile;

  private RedisUrlConnector(RedisUrl url, Config config, boolean caFile) {
    this.url = url;
    this.config = config;
    this.caFile = caFile;
  }

  /**
   * Reads the settings and tries to connect once.
   *
   * @param rawUrl the {@code plezi.redis.url} value
   * @param caFile the {@code plezi.redis.caFile} value, or null for the JVM's default trust store
   * @throws IllegalArgumentException when a setting is invalid, or the server refused the
   *     credentials or the TLS handshake failed: the deployment should not start
   */
  public static RedisUrlConnector connect(String rawUrl, String caFile) {
    RedisUrl url = RedisUrl.parse(rawUrl);
    TrustManagerFactory trust = null;
    if (caFile != null) {
      if (!url.tls()) {
        throw new IllegalArgumentException(
            "plezi.redis.caFile is set but plezi.redis.url is not a rediss:// (TLS) URL: " + url);
      }
      trust = PemTrust.fromFile(Path.of(caFile));
    }
    RedisUrlConnector connector =
        new RedisUrlConnector(url, RedisClientConfig.of(url, trust), trust != null);
    LOG.log(
        Level.INFO,
        "Plezi: connecting to Redis at "
            + url
            + (url.tls()
                ? " (TLS, trusting " + (caFile == null ? "the JVM's trust store" : caFile) + ")"
                : ""));
    Config probe = RedisClientConfig.of(url, trust);
    probe.useSingleServer().setRetryAttempts(0); // Redisson would try 4 more times, 1.5 s apart
    connector.probe(probe);
    return connector;
  }

  /** The URL as it may be shown: {@code redis://user:***@host:port}. */
  public RedisUrl url() {
    return url;
  }

  /** Connects once with {@code probe}; a server that is only unreachable is warned about. */
  private void probe(Config probe) {
    RuntimeException e = connectOnce(probe);
    if (e != null) {
      String problem = RedisClientConfig.describe(url, e);
      if (RedisClientConfig.isAuthenticationFailure(e)) {
        throw new IllegalArgumentException(
            "Plezi: Redis at "
                + where()
                + " refused "
                + (url.username() == null ? "the default user" : "user '" + user() + "'")
                + (url.password() == null ? " without a password" : "")
                + " ("
                + problem
                + "): check the credentials in plezi.redis.url"
                + " (redis://user:password@host:port, or redis://:password@host:port for the"
                + " default user; percent-encode '@', ':' and '/' in them)");
      }
      if (RedisClientConfig.isTlsFailure(e)) {
        throw new IllegalArgumentException(
            "Plezi: the TLS handshake with Redis at "
                + where()
                + " failed ("
                + problem
                + "): the server must speak TLS on that port, and its certificate must name "
                + url.host()
                + " and chain to "
                + (caFile
                    ? "plezi.redis.caFile"
                    : "the JVM's trust store (or set plezi.redis.caFile)"));
      }
      LOG.log(
          Level.WARNING,
          "Plezi: Redis at "
              + where()
              + " is not reachable at start-up ("
              + problem
              + "); serving this server's connections only until it is"
              + (url.tls() ? " (a rediss:// URL: does the server speak TLS on that port?)" : ""));
    }
  }

  /**
   * Connects and disconnects once, on a thread of its own: the caller is often a container thread
   * (Tomcat's manager deploys on a request thread) that would otherwise keep Netty's thread-local
   * map, and through it this application's class loader, after undeploy (the redeploy loop of issue
   * 21 found it). Then waits for Netty's global executor, as the bus's close does.
   *
   * @return the failure, or null once connected
   */
  private static RuntimeException connectOnce(Config probe) {
    ExecutorService thread = Threads.pool("redis-probe", "start-up", 1);
    try {
      return thread
          .submit(
              () -> {
                try {
                  RedissonClient client = Redisson.create(probe);
                  Quiesce.redisson(client, System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
                  return (RuntimeException) null;
                } catch (RuntimeException e) {
                  return e;
                } finally {
                  FastThreadLocal.removeAll();
                }
              })
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new IllegalStateException("interrupted while connecting to Redis", e);
    } catch (ExecutionException e) {
      return new IllegalStateException("could not connect to Redis", e.getCause());
    } finally {
      thread.shutdown();
    }
  }

  private String where() {
    return url.host() + ":" + url.port();
  }

  private String user() {
    return org.plezi.jakarta.internal.base.LogText.printable(url.username());
  }

  /**
   * A new client, for the bus's connecting thread; a failure's message is scrubbed of the password
   * and carries no cause (the driver's exception chain stays here).
   */
  @Override
  public RedissonClient get() {
    try {
      return Redisson.create(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          where()
              + (RedisClientConfig.isAuthenticationFailure(e) ? " refused the credentials: " : ": ")
              + RedisClientConfig.describe(url, e));
    }
  }
}
