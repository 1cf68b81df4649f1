package org.plezi.jakarta.testing;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} of the test's own, on a free port, that insists on credentials: a
 * password for the default user ({@code requirepass}), or an ACL user with the default user
 * switched off; and optionally TLS only (no plain port), with certificates the test made. {@link
 * #cli} runs the real {@code redis-cli} with the same credentials and TLS, as an operator or
 * another program would. Needs {@code redis-server} and {@code redis-cli} with TLS (Debian's 7.0
 * has it) and, for TLS, {@code openssl}.
 */
public final class SecureRedisServer implements AutoCloseable {
  private final int port;
  private final Path dir;
  private final String user;
  private final String password;
  private final TestCertificates certificates;
  private Process process;

  private SecureRedisServer(
      int port, Path dir, String user, String password, TestCertificates certificates) {
    this.port = port;
    this.dir = dir;
    this.user = user;
    this.password = password;
    this.certificates = certificates;
  }

  /** A server whose default user needs {@code password} ({@code requirepass}). */
  public static SecureRedisServer withPassword(String password)
      throws IOException, InterruptedException {
    return start(null, password, null);
  }

  /** A server with one ACL user, {@code user}, and the default user off. */
  public static SecureRedisServer withAclUser(String user, String password)
      throws IOException, InterruptedException {
    return start(user, password, null);
  }

  /**
   * A server that speaks TLS only, with these certificates (clients need not show one), whose
   * default user needs {@code password} (null: none).
   */
  public static SecureRedisServer withTls(TestCertificates certificates, String password)
      throws IOException, InterruptedException {
    return start(null, password, certificates);
  }

  private static SecureRedisServer start(
      String user, String password, TestCertificates certificates)
      throws IOException, InterruptedException {
    SecureRedisServer server =
        new SecureRedisServer(
            Ports.free(),
            Files.createTempDirectory("plezi-secure-redis"),
            user,
            password,
            certificates);
    server.startAgain();
    return server;
  }

  /** Starts (again) on the same port with the same settings, and waits until it answers. */
  public void startAgain() throws IOException, InterruptedException {
    Path config = dir.resolve("redis.conf");
    Files.writeString(config, configuration());
    Path log = dir.resolve("redis.log");
    process =
        new ProcessBuilder("redis-server", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited: " + Files.readString(log));
      }
      if (Files.readString(log).contains("Ready to accept connections")
          && cli("PING").equals("PONG")) {
        return;
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
    throw new IOException(
        "redis-server did not answer on port " + port + ": " + Files.readString(log));
  }

  private String configuration() {
    StringBuilder conf =
        new StringBuilder()
            .append("bind 127.0.0.1\n")
            .append("save \"\"\nappendonly no\n")
            .append("dir ")
            .append(dir)
            .append('\n');
    if (certificates == null) {
      conf.append("port ").append(port).append('\n');
    } else {
      conf.append("port 0\ntls-port ")
          .append(port)
          .append('\n')
          .append("tls-cert-file ")
          .append(certificates.serverCertificate())
          .append('\n')
          .append("tls-key-file ")
          .append(certificates.serverKey())
          .append('\n')
          .append("tls-ca-cert-file ")
          .append(certificates.caCertificate())
          .append('\n')
          .append("tls-auth-clients no\n");
    }
    if (user != null) {
      conf.append("user default off\n")
          .append("user ")
          .append(user)
          .append(" on >")
          .append(password)
          .append(" ~* &* +@all\n");
    } else if (password != null) {
      conf.append("requirepass \"").append(password).append("\"\n");
    }
    return conf.toString();
  }

  public int port() {
    return port;
  }

  /** The password the server wants. */
  public String password() {
    return password;
  }

  /** The ACL user, or null when the default user has the password. */
  public String user() {
    return user;
  }

  /** The CA file that clients trust (TLS servers only), for {@code plezi.redis.caFile}. */
  public Path caFile() {
    return certificates == null ? null : certificates.caCertificate();
  }

  /** The URL with the right credentials, percent-encoded: {@code redis[s]://u:pw@127.0.0.1:P}. */
  public String url() {
    return urlWith(user, password);
  }

  /** The URL with other credentials (a wrong password), percent-encoded; nulls leave parts out. */
  public String urlWith(String userName, String secret) {
    String credentials =
        secret == null
            ? ""
            : (userName == null ? "" : encode(userName)) + ":" + encode(secret) + "@";
    return (certificates == null ? "redis://" : "rediss://") + credentials + "127.0.0.1:" + port;
  }

  /** The URL with no credentials at all. */
  public String urlWithoutCredentials() {
    return urlWith(null, null);
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Runs the real {@code redis-cli} against this server with its credentials (and TLS); returns
   * what it printed, trimmed.
   */
  public String cli(String... command) throws IOException, InterruptedException {
    List<String> line =
        new ArrayList<>(
            List.of(
                "redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port), "--no-auth-warning"));
    if (certificates != null) {
      line.addAll(List.of("--tls", "--cacert", certificates.caCertificate().toString()));
    }
    if (user != null) {
      line.addAll(List.of("--user", user));
    }
    if (password != null) {
      line.addAll(List.of("--pass", password));
    }
    line.addAll(List.of(command));
    Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
    String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!cli.waitFor(10, TimeUnit.SECONDS)) {
      cli.destroyForcibly();
      throw new IOException("redis-cli " + String.join(" ", command) + " did not finish");
    }
    return out.trim();
  }

  /** PUBLISH with the real redis-cli; returns how many subscribers got it. */
  public long publishWithCli(String channel, String payload)
      throws IOException, InterruptedException {
    String answer = cli("PUBLISH", channel, payload);
    try {
      return Long.parseLong(answer);
    } catch (NumberFormatException e) {
      throw new IOException("redis-cli PUBLISH answered: " + answer, e);
    }
  }

  /** Stops the server (its clients see the connection drop). */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      process = null;
    }
  }

  @Override
  public void close() throws Exception {
    stop();
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(dir);
  }
}
