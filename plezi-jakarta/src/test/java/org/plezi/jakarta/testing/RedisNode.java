package org.plezi.jakarta.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code redis-server} process of a test-owned topology (a Sentinel set, a Redis Cluster), in a
 * directory of its own, with whatever arguments the topology gives it; {@link #cli} talks to it
 * with the real {@code redis-cli}.
 */
public final class RedisNode implements AutoCloseable {
  private final int port;
  private final Path dir;
  private final List<String> arguments;
  private Process process;

  private RedisNode(int port, Path dir, List<String> arguments) {
    this.port = port;
    this.dir = dir;
    this.arguments = arguments;
  }

  /**
   * Starts {@code redis-server [config file] --port <port> --bind 127.0.0.1 --dir <dir> <extra>}
   * and waits until it answers PING.
   *
   * @param config the contents of a configuration file to start with (Sentinel needs one it can
   *     rewrite), or null
   */
  static RedisNode start(int port, String config, String... extra)
      throws IOException, InterruptedException {
    Path dir = Directories.createTemp("plezi-redis-node");
    List<String> arguments = new ArrayList<>(List.of("redis-server"));
    if (config != null) {
      Path file = dir.resolve("node.conf");
      Files.writeString(file, config, StandardCharsets.UTF_8);
      arguments.add(file.toString());
    }
    arguments.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            dir.toString(),
            "--save",
            "",
            "--appendonly",
            "no"));
    arguments.addAll(List.of(extra));
    RedisNode node = new RedisNode(port, dir, arguments);
    node.startAgain();
    return node;
  }

  public int port() {
    return port;
  }

  public String address() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the process (again) and waits until it answers. */
  void startAgain() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(arguments)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (cli("PING").equals("PONG")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IOException("redis-server exited: " + log());
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
    throw new IOException("redis-server did not answer on port " + port + ": " + log());
  }

  /** The node's log so far. */
  public String log() {
    try {
      return Files.readString(dir.resolve("redis.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Runs {@code redis-cli -p <port> <args>}; its trimmed output, or "" when it fails. */
  public String cli(String... args) {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
    command.addAll(List.of(args));
    return run(command);
  }

  static String run(List<String> command) {
    try {
      Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!cli.waitFor(30, TimeUnit.SECONDS)) {
        cli.destroyForcibly();
        return "";
      }
      return out.trim();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Ends the process at once (SIGKILL), as a crashed machine would. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      process = null;
    }
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      process = null;
    }
    Directories.deleteRecursively(dir);
  }
}
