package org.plezi.jakarta.internal.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.plezi.jakarta.testing.Ports;
import org.plezi.jakarta.testing.RedisServer;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * A redis-server of the test's own that can be SIGKILLed and started again on its port, either
 * empty or with its data (append-only file, fsync at every write). Phase 1 of #21; folds into
 * {@link RedisServer} once the layout (#14) is on main.
 */
final class PersistentRedis implements AutoCloseable {
  private final int port;
  private final Path dir;
  private Process process;

  private PersistentRedis(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  static PersistentRedis start() throws IOException, InterruptedException {
    PersistentRedis redis =
        new PersistentRedis(Ports.free(), Files.createTempDirectory("plezi-heal"));
    redis.startWithData();
    return redis;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** A Redisson client that gives up quickly: one attempt, short timeouts. */
  RedissonClient client() {
    Config config = new Config();
    config.setThreads(2);
    config.setNettyThreads(2);
    config
        .useSingleServer()
        .setAddress(url())
        .setConnectionMinimumIdleSize(1)
        .setConnectionPoolSize(2)
        .setSubscriptionConnectionMinimumIdleSize(1)
        .setSubscriptionConnectionPoolSize(1)
        .setConnectTimeout(500)
        .setTimeout(500)
        .setRetryAttempts(0);
    return Redisson.create(config);
  }

  /** SIGKILL: no save, no goodbye to clients. */
  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor();
      process = null;
    }
  }

  /** Starts again on the same port, loading what the append-only file holds. */
  void startWithData() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (answers()) {
        return;
      }
      if (!process.isAlive()) {
        throw new IOException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
    throw new IOException("redis-server did not answer on port " + port);
  }

  /** Starts again on the same port with nothing: the append-only files are deleted first. */
  void startEmpty() throws IOException, InterruptedException {
    deleteData();
    startWithData();
  }

  /** Sends one command; the first line of the answer. */
  String call(String... command) throws IOException, InterruptedException {
    List<String> cli =
        new java.util.ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
    cli.addAll(List.of(command));
    Process run = new ProcessBuilder(cli).redirectErrorStream(true).start();
    String out = new String(run.getInputStream().readAllBytes()).trim();
    run.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  private boolean answers() {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(2_000);
      socket.getOutputStream().write("PING\r\n".getBytes());
      StringBuilder reply = new StringBuilder();
      int b;
      while ((b = socket.getInputStream().read()) != -1 && b != '\n') {
        reply.append((char) b);
      }
      return reply.toString().startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  private void deleteData() throws IOException {
    Path aof = dir.resolve("appendonlydir");
    if (Files.exists(aof)) {
      try (Stream<Path> files = Files.walk(aof)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  @Override
  public void close() throws Exception {
    kill();
    deleteData();
    Files.deleteIfExists(dir.resolve("redis.log"));
    Files.deleteIfExists(dir);
  }
}
