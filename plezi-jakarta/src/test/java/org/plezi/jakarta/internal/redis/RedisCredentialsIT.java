package org.plezi.jakarta.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.testing.SecureRedisServer;
import org.plezi.jakarta.testing.TestCertificates;
import org.redisson.Redisson;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The pieces under {@code plezi.redis.url} (SecureRedisClusterIT runs them through the library): a
 * real Redisson client, configured from a {@code plezi.redis.url}, against real {@code
 * redis-server}s that want a password, an ACL user, or TLS with a test-made authority: it gets in
 * with the right credentials, and a wrong or missing one is told apart from a server that is down,
 * with no secret in what would be logged.
 */
@Timeout(120)
class RedisCredentialsIT {
  private static final String PASSWORD = "p@ss:w0rd/ok";

  private static TestCertificates certificates;
  private static TestCertificates otherAuthority;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certificates = TestCertificates.create();
    otherAuthority =
        TestCertificates.create(
            java.nio.file.Files.createTempDirectory("plezi-tls-other"), "another-ca");
  }

  @AfterAll
  static void deleteCertificates() throws Exception {
    certificates.delete();
    otherAuthority.delete();
  }

  private static RedissonClient connect(String url, TestCertificates trusted) {
    RedisUrl parsed = RedisUrl.parse(url);
    return Redisson.create(
        RedisClientConfig.of(
            parsed, trusted == null ? null : PemTrust.fromFile(trusted.caCertificate())));
  }

  /** Subscribes with Redisson, publishes with redis-cli, and waits for the message. */
  private static void assertPublishReaches(RedissonClient client, SecureRedisServer server)
      throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    RTopic topic = client.getTopic("plezi-check", StringCodec.INSTANCE);
    topic.addListener(String.class, (channel, message) -> received.add(message));
    assertThat(server.publishWithCli("plezi-check", "hello")).isEqualTo(1);
    assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("hello");
    client.getBucket("plezi-key", StringCodec.INSTANCE).set("value");
    assertThat(server.cli("GET", "plezi-key")).isEqualTo("value");
  }

  private static void assertRefusedCredentials(String url, String secret) {
    RedisUrl parsed = RedisUrl.parse(url);
    Throwable failure = catchThrowable(() -> connect(url, null).shutdown());
    assertThat(failure).as(url).isNotNull();
    assertThat(RedisClientConfig.isAuthenticationFailure(failure)).as(url).isTrue();
    String described = RedisClientConfig.describe(parsed, failure);
    assertThat(described)
        .as(url)
        .doesNotContain(secret)
        .doesNotContain("channel: [")
        .containsAnyOf("WRONGPASS", "NOAUTH");
    assertThat(parsed.toString()).doesNotContain(secret);
  }

  @Test
  void aPasswordForTheDefaultUser() throws Exception {
    try (SecureRedisServer server = SecureRedisServer.withPassword(PASSWORD)) {
      RedissonClient client = connect(server.url(), null);
      try {
        assertPublishReaches(client, server);
      } finally {
        client.shutdown();
      }
      assertRefusedCredentials(server.urlWith(null, "wrong-Secret-1"), "wrong-Secret-1");
      Throwable missing =
          catchThrowable(() -> connect(server.urlWithoutCredentials(), null).shutdown());
      assertThat(missing).isNotNull();
      assertThat(RedisClientConfig.isAuthenticationFailure(missing)).isTrue();
    }
  }

  @Test
  void anAclUserWithTheDefaultUserOff() throws Exception {
    try (SecureRedisServer server = SecureRedisServer.withAclUser("plezi", PASSWORD)) {
      RedissonClient client = connect(server.url(), null);
      try {
        assertPublishReaches(client, server);
      } finally {
        client.shutdown();
      }
      assertRefusedCredentials(server.urlWith("plezi", "wrong-Secret-2"), "wrong-Secret-2");
      assertRefusedCredentials(server.urlWith("nobody", PASSWORD), "p@ss");
      assertRefusedCredentials(server.urlWith(null, PASSWORD), "p@ss");
    }
  }

  @Test
  void tlsWithTheTestAuthorityAndAPassword() throws Exception {
    try (SecureRedisServer server = SecureRedisServer.withTls(certificates, PASSWORD)) {
      assertThat(server.url()).startsWith("rediss://");
      RedissonClient client = connect(server.url(), certificates);
      try {
        assertPublishReaches(client, server);
      } finally {
        client.shutdown();
      }
    }
  }

  @Test
  void tlsRefusesAServerCertificateFromAnotherAuthority() throws Exception {
    try (SecureRedisServer server = SecureRedisServer.withTls(certificates, null)) {
      Throwable failure = catchThrowable(() -> connect(server.url(), otherAuthority).shutdown());
      assertThat(failure).isNotNull();
      assertThat(RedisClientConfig.isAuthenticationFailure(failure)).isFalse();
      assertThat(RedisClientConfig.isTlsFailure(failure)).isTrue();
    }
  }

  @Test
  void aServerThatIsDownIsNotACredentialsProblem() throws Exception {
    int port = org.plezi.jakarta.testing.Ports.free();
    String url = "redis://:" + PASSWORD.replace("@", "%40") + "@127.0.0.1:" + port;
    Throwable failure = catchThrowable(() -> connect(url, null).shutdown());
    assertThat(failure).isNotNull();
    assertThat(RedisClientConfig.isAuthenticationFailure(failure)).isFalse();
    assertThat(RedisClientConfig.isTlsFailure(failure)).isFalse();
    assertThat(RedisClientConfig.describe(RedisUrl.parse(url), failure)).doesNotContain("w0rd");
  }
}
