package org.plezi.jakarta.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} of the test's own, on a free port, that the test can stop and start
 * again on the same port. Needs the binary on the PATH ({@code .ci/run} installs Debian's).
 */
public final class RedisServer implements AutoCloseable {
  private final int port;
  private final Path dir;
  private Process process;

  private RedisServer(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  /** Starts a server on a free port. */
  public static RedisServer start() throws IOException, InterruptedException {
    RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("plezi-redis"));
    server.startAgain();
    return server;
  }

  /** A server for {@code port}, not started: {@link #startAgain()} starts it. */
  public static RedisServer onPort(int port) throws IOException {
    return new RedisServer(port, Files.createTempDirectory("plezi-redis"));
  }

  /** A free port on which nothing listens (yet). */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts (again) on the same port and waits until it answers. */
  public void startAgain() throws IOException, InterruptedException {
    process = new ProcessBuilder("redis-server", "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile())
        .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (ping()) {
        return;
      }
      if (!process.isAlive()) {
        throw new IOException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
      }
      process.waitFor(50, TimeUnit.MILLISECONDS);
    }
    throw new IOException("redis-server did not answer on port " + port);
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

  private boolean ping() {
    try {
      return command("PING").startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /** PUBLISH over a plain RESP connection, for payloads too big for a command line. */
  public long publish(String channel, String payload) throws IOException {
    String answer = command("PUBLISH", channel, payload);
    return Long.parseLong(answer.substring(1).trim());
  }

  /** PUBLISH with the real redis-cli, as a person or another program would. */
  public String publishWithCli(String channel, String payload) throws Exception {
    Process cli = new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "PUBLISH",
        channel, payload).redirectErrorStream(true).start();
    String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    cli.waitFor(10, TimeUnit.SECONDS);
    return out.trim();
  }

  /** Sends one command over a plain RESP connection; returns the first line of the answer. */
  public String call(String... parts) throws IOException {
    return command(parts);
  }

  private String command(String... parts) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder header = new StringBuilder("*").append(parts.length).append("\r\n");
      out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
      for (String part : parts) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        line.append((char) b);
      }
      return line.toString();
    }
  }

  @Override
  public void close() throws Exception {
    stop();
    for (Path file : List.of(dir.resolve("redis.log"))) {
      Files.deleteIfExists(file);
    }
    Files.deleteIfExists(dir);
  }
}
