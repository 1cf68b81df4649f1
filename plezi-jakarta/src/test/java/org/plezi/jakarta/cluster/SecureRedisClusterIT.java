package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.testing.LogCapture;
import org.plezi.jakarta.testing.SecureRedisServer;
import org.plezi.jakarta.testing.TestCertificates;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * The cluster through the library ({@code plezi.redis.url}, {@code plezi.redis.caFile}) on real
 * {@code redis-server}s that want a password ({@code requirepass}), an ACL user (the default user
 * off), or TLS with certificates this test made: two servers exchange a multicast, a unicast and a
 * mailbox message; a wrong password, a missing one, an unknown user and an untrusted certificate
 * each fail the deployment at start-up with a message naming the host, port and user, and no
 * password appears anywhere in the log.
 */
@Timeout(300)
class SecureRedisClusterIT {
  /** Needs percent-encoding in a URL ('@', ':', '/', '%'). */
  private static final String PASSWORD = "p@ss:w0rd/Se%cret";

  private static final String WRONG = "Wr0ng-Secret-7";
  private static final String CHANNEL = "plezi_secure_it";

  private static TestCertificates certificates;
  private static TestCertificates otherAuthority;

  private LogCapture log;

  @BeforeAll
  static void makeCertificates() throws Exception {
    requireOpenssl();
    certificates = TestCertificates.create();
    otherAuthority =
        TestCertificates.create(Files.createTempDirectory("plezi-tls-other"), "another-ca");
  }

  /** The TLS tests make their certificates with the openssl command; CI must have it. */
  private static void requireOpenssl() {
    try {
      Process openssl = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
      openssl.getInputStream().readAllBytes();
      if (openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0) {
        return;
      }
    } catch (Exception e) {
      // missing: said below
    }
    String missing =
        "the openssl command is missing: the TLS tests make their certificates with it"
            + " (.ci/run installs Debian's openssl)";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(missing);
    }
    org.junit.jupiter.api.Assumptions.abort(missing);
  }

  @AfterAll
  static void deleteCertificates() throws Exception {
    if (certificates != null) {
      certificates.delete();
    }
    if (otherAuthority != null) {
      otherAuthority.delete();
    }
  }

  @BeforeEach
  void captureLog() {
    log = LogCapture.start();
  }

  /** Whatever happened in the test, no secret reached the log. */
  @AfterEach
  void noSecretInTheLog() {
    try {
      List<String> everything = log.everything();
      assertThat(everything).isNotEmpty();
      for (String secret : List.of(PASSWORD, "w0rd", WRONG, encode(PASSWORD))) {
        assertThat(everything).noneMatch(text -> text.contains(secret));
      }
    } finally {
      log.close();
    }
  }

  private static String encode(String part) {
    return java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Map<String, String> settings(String url, String caFile) {
    Map<String, String> params = new HashMap<>();
    params.put("plezi.redis.url", url);
    params.put("plezi.channel", CHANNEL);
    if (caFile != null) {
      params.put("plezi.redis.caFile", caFile);
    }
    return params;
  }

  @Test
  void aPasswordForTheDefaultUser() throws Exception {
    try (SecureRedisServer redis = SecureRedisServer.withPassword(PASSWORD)) {
      assertThat(redis.url()).contains("%40").contains("%3A").contains("%2F").contains("%25");
      clusterExchanges(redis, settings(redis.url(), null));
      // and with a server in a JVM of its own
      try (TestServer a = TestServer.start(settings(redis.url(), null), ClusterChat.class);
          ClusterNode.Running node = ClusterNode.launch(redis.url(), CHANNEL)) {
        RedisClusterIT.awaitConnected(a);
        try (WsClient onA = WsClient.connect(a.ws("/chat"));
            WsClient onNode =
                WsClient.connect(URI.create("ws://127.0.0.1:" + node.port() + "/chat"))) {
          uuid(onA);
          String nodeConnection = uuid(onNode);
          onA.send("multicast:to another JVM");
          onNode.expectText("say to another JVM");
          onA.send("unicast:" + nodeConnection + ":only you");
          onNode.expectText("say only you");
        }
      }
    }
  }

  @Test
  void anAclUserWithTheDefaultUserOff() throws Exception {
    try (SecureRedisServer redis = SecureRedisServer.withAclUser("plezi", PASSWORD)) {
      assertThat(redis.cli("ACL", "WHOAMI")).isEqualTo("plezi");
      clusterExchanges(redis, settings(redis.url(), null));
    }
  }

  @Test
  void tlsWithTheTestAuthorityInTheCaFileAndAPassword() throws Exception {
    try (SecureRedisServer redis = SecureRedisServer.withTls(certificates, PASSWORD)) {
      assertThat(redis.url()).startsWith("rediss://");
      clusterExchanges(redis, settings(redis.url(), redis.caFile().toString()));
      assertThat(log.texts())
          .anyMatch(
              t ->
                  t.contains("connecting to Redis at rediss://:***@127.0.0.1:" + redis.port())
                      && t.contains("trusting " + redis.caFile()));
    }
  }

  @Test
  void aWrongPasswordFailsTheStartUpNamingHostPortAndUser() throws Exception {
    try (SecureRedisServer redis = SecureRedisServer.withAclUser("plezi", PASSWORD)) {
      String where = "Redis at 127.0.0.1:" + redis.port() + " refused user 'plezi' (WRONGPASS";
      assertStartUpFails(settings(redis.urlWith("plezi", WRONG), null), where);
      assertStartUpFails(
          settings(redis.urlWith("nobody", PASSWORD), null), "refused user 'nobody'");
      assertStartUpFails(settings(redis.urlWith(null, PASSWORD), null), "refused the default user");
    }
    try (SecureRedisServer redis = SecureRedisServer.withPassword(PASSWORD)) {
      assertStartUpFails(
          settings(redis.urlWith(null, WRONG), null),
          "Redis at 127.0.0.1:" + redis.port() + " refused the default user (WRONGPASS");
      assertStartUpFails(
          settings(redis.urlWithoutCredentials(), null),
          "refused the default user without a password (NOAUTH");
    }
  }

  @Test
  void aTlsHandshakeThatFailsFailsTheStartUp() throws Exception {
    try (SecureRedisServer redis = SecureRedisServer.withTls(certificates, PASSWORD)) {
      String where = "the TLS handshake with Redis at 127.0.0.1:" + redis.port() + " failed";
      assertStartUpFails(
          settings(redis.url(), otherAuthority.caCertificate().toString()),
          where,
          "chain to plezi.redis.caFile");
      assertStartUpFails(
          settings(redis.url(), null), where, "the JVM's trust store (or set plezi.redis.caFile)");
    }
    try (SecureRedisServer plain = SecureRedisServer.withPassword(PASSWORD)) {
      // A plain server never answers a TLS hello: that looks like a server that is slow or
      // down, so the deployment starts and keeps trying, with a hint in its warning.
      String tlsUrl = plain.url().replace("redis://", "rediss://");
      try (TestServer server =
          TestServer.start(
              settings(tlsUrl, certificates.caCertificate().toString()), ClusterChat.class)) {
        assertThat(log.texts())
            .anyMatch(
                t ->
                    t.contains("Redis at 127.0.0.1:" + plain.port() + " is not reachable")
                        && t.contains("does the server speak TLS on that port?"));
        assertThat(RedisClusterIT.bus(server).isConnected()).isFalse();
      }
    }
  }

  @Test
  void badRedisSettingsFailTheStartUpWithoutQuotingThePassword() throws Exception {
    String secret = "redis://:" + encode(PASSWORD) + "@127.0.0.1:";
    assertStartUpFails(
        settings(secret + "70000", null), "the port is not a number from 1 to 65535");
    assertStartUpFails(settings("redis://:" + PASSWORD + "@127.0.0.1:1/x", null), "plezi.redis");
    assertStartUpFails(
        settings(secret + "6379", certificates.caCertificate().toString()),
        "plezi.redis.caFile is set but plezi.redis.url is not a rediss:// (TLS) URL: "
            + "redis://:***@127.0.0.1:6379");
    Map<String, String> withYaml = settings("rediss://127.0.0.1:6379", "/etc/ssl/ca.pem");
    withYaml.put("plezi.redis.config", "/etc/plezi/redisson.yaml");
    assertStartUpFails(withYaml, "plezi.redis.caFile goes with plezi.redis.url only");
    assertStartUpFails(
        settings("rediss://127.0.0.1:6379", "/nowhere/ca.pem"),
        "plezi.redis.caFile: no readable file at /nowhere/ca.pem");
  }

  /** Boots a deployment that must not start, and finds the reasons in the log. */
  private void assertStartUpFails(Map<String, String> params, String... reasons) {
    long started = System.nanoTime();
    try (TestServer server = TestServer.boot(params, ClusterChat.class, ClusterOther.class)) {
      assertThat(server.started()).as(String.join(", ", reasons)).isFalse();
    }
    System.out.printf(
        "SecureRedisClusterIT: start-up failed in %d ms (%s)%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), reasons[0]);
    assertThat(log.everything())
        .as("the log explains the failed start-up")
        .anyMatch(text -> List.of(reasons).stream().allMatch(text::contains));
  }

  /**
   * Two servers on this Redis: a multicast and a unicast cross between them, and a mailbox message
   * left through one server for an identity that is away reaches it on the other.
   */
  private static void clusterExchanges(SecureRedisServer redis, Map<String, String> params)
      throws Exception {
    try (TestServer a = TestServer.start(params, ClusterChat.class, ClusterOther.class);
        TestServer b = TestServer.start(params, ClusterChat.class, ClusterOther.class)) {
      RedisClusterIT.awaitConnected(a);
      RedisClusterIT.awaitConnected(b);
      try (WsClient onA = WsClient.connect(a.ws("/chat"));
          WsClient onB = WsClient.connect(b.ws("/chat"))) {
        uuid(onA);
        String uuidOnB = uuid(onB);
        onA.send("multicast:hello over a secured Redis");
        onB.expectText("say hello over a secured Redis");
        onA.send("unicast:" + uuidOnB + ":just you");
        onB.expectText("say just you");
        Messenger fromA = Plezi.messenger(a.servletContext());
        assertThat(
                fromA
                    .unicast(uuidOnB, "say", "answered")
                    .toCompletableFuture()
                    .get(20, TimeUnit.SECONDS))
            .isTrue();
        onB.expectText("say answered");
        onA.expectNothingMore();
      }
      WsClient ada = login(a.ws("/chat"), "ada");
      ada.close();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Plezi.metrics(a.servletContext()).connections() == 0);
      assertThat(Plezi.messenger(b.servletContext()).notify("ada", "mail", "while you were away"))
          .isTrue();
      try (WsClient back = login(b.ws("/chat"), "ada")) {
        back.expectText("mail while you were away");
      }
      // the servers' own traffic went through this Redis, with these credentials
      assertThat(Long.parseLong(redis.cli("PUBSUB", "NUMSUB", CHANNEL).split("\\s+")[1]))
          .isEqualTo(2);
    }
  }

  private static WsClient login(URI uri, String identity) throws Exception {
    WsClient client = WsClient.connect(uri);
    uuid(client);
    client.send("login:" + identity);
    client.expectText("logged in as " + identity);
    return client;
  }

  private static String uuid(WsClient client) throws InterruptedException {
    String greeting = client.nextText();
    assertThat(greeting).startsWith("uuid ");
    return greeting.substring(5);
  }
}
