package org.plezi.jakarta.internal.redis;

import java.util.Locale;
import javax.net.ssl.TrustManagerFactory;
import org.redisson.client.RedisAuthRequiredException;
import org.redisson.client.RedisWrongPasswordException;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;
import org.redisson.config.SslVerificationMode;

/**
 * The Redisson configuration of one {@code plezi.redis.url}: the server's address without
 * credentials (so that no Redisson message can carry the password), the user and password apart,
 * TLS with host-name verification for {@code rediss://}, and the small fixed pools Plezi uses.
 * Loaded only when Redis is configured (it names Redisson's types).
 */
public final class RedisClientConfig {
  /** Redis channels on the one subscription connection: the bus's two and the channels. */
  public static final int SUBSCRIPTIONS_PER_CONNECTION = 100_000;

  private RedisClientConfig() {}

  /**
   * A single-server configuration.
   *
   * @param trust the authorities a {@code rediss://} server's certificate must chain to ({@code
   *     plezi.redis.caFile}); null for the JVM's default trust store
   */
  public static Config of(RedisUrl url, TrustManagerFactory trust) {
    Config config = new Config();
    config.setThreads(2);
    config.setNettyThreads(4);
    SingleServerConfig server =
        config
            .useSingleServer()
            .setAddress(url.address())
            .setDatabase(url.database())
            .setConnectionMinimumIdleSize(1)
            .setConnectionPoolSize(4)
            .setSubscriptionConnectionMinimumIdleSize(1)
            .setSubscriptionConnectionPoolSize(1)
            // Every channel (issue 17) on the one subscription connection: Redisson's default of
            // 5 per connection would open a connection per 5 channels (or stall with a pool of 1).
            .setSubscriptionsPerConnection(SUBSCRIPTIONS_PER_CONNECTION)
            .setConnectTimeout(5_000)
            .setTimeout(5_000);
    if (url.username() != null) {
      server.setUsername(url.username());
    }
    if (url.password() != null) {
      server.setPassword(url.password());
    }
    if (url.tls()) {
      server.setSslVerificationMode(SslVerificationMode.STRICT);
      if (trust != null) {
        server.setSslTrustManagerFactory(trust);
      }
    }
    return config;
  }

  /**
   * Whether a failure to connect means the server refused the credentials (or wants some): a
   * mistake in the configuration that retrying cannot fix, unlike a server that is down.
   */
  public static boolean isAuthenticationFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RedisWrongPasswordException || t instanceof RedisAuthRequiredException) {
        return true;
      }
      String message = t.getMessage() == null ? "" : t.getMessage().toUpperCase(Locale.ROOT);
      if (message.contains("WRONGPASS")
          || message.contains("NOAUTH")
          || message.contains("INVALID PASSWORD")
          || message.contains("NOPERM")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a failure to connect is a TLS handshake that failed (a certificate the client does not
   * trust or that names another host, a server that does not speak TLS): a mistake in the
   * configuration or the certificates that retrying cannot fix.
   */
  public static boolean isTlsFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof javax.net.ssl.SSLHandshakeException
          || t instanceof java.security.cert.CertificateException
          || t.getClass().getSimpleName().equals("NotSslRecordException")) { // Netty's
        return true;
      }
    }
    return false;
  }

  /**
   * What went wrong, for a log line or a deployment error: the innermost message of the failure
   * (the server's answer, such as {@code WRONGPASS invalid username-password pair...}) without
   * Redisson's channel details, with the password scrubbed out, in at most 300 printable
   * characters.
   */
  public static String describe(RedisUrl url, Throwable failure) {
    Throwable innermost = failure;
    while (innermost.getCause() != null && innermost.getCause() != innermost) {
      innermost = innermost.getCause();
    }
    String message =
        innermost.getMessage() == null
            ? innermost.getClass().getSimpleName()
            : innermost.getMessage();
    int detail = message.indexOf(". channel: [");
    if (detail > 0) { // Redisson appends its channel and command: noise for the reader
      message = message.substring(0, detail);
    }
    String scrubbed = url.redact(message);
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < scrubbed.length() && shown.length() < 300; i++) {
      char c = scrubbed.charAt(i);
      shown.append(c >= 0x20 && c < 0x7f ? c : ' ');
    }
    return shown.toString();
  }
}
