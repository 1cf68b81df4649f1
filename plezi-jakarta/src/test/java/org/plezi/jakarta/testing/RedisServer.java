package org.plezi.jakarta.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

  /**
   * Starts a server on a free port ({@link Ports#free()}); on another one if some other program
   * took that port before redis-server could bind it.
   */
  public static RedisServer start() throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      RedisServer server = onPort(Ports.free());
      try {
        server.startAgain();
        return server;
      } catch (IOException e) {
        server.stop();
        server.deleteDirectory();
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
          throw e;
        }
      }
    }
  }

  /**
   * A server for {@code port}, not started: {@link #startAgain()} starts it. Take the port from
   * {@link Ports#free()}, so that nothing else takes it while the server is down.
   */
  public static RedisServer onPort(int port) {
    return new RedisServer(port, Directories.createTemp("plezi-redis"));
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts (again) on the same port and waits until it answers. */
  public void startAgain() throws IOException, InterruptedException {
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
                "no",
                "--dir",
                dir.toString())
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
    Process cli =
        new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "PUBLISH", channel, payload)
            .redirectErrorStream(true)
            .start();
    String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    cli.waitFor(10, TimeUnit.SECONDS);
    return out.trim();
  }

  /** Sends one command over a plain RESP connection; returns the first line of the answer. */
  public String call(String... parts) throws IOException {
    return command(parts);
  }

  /**
   * How many clients are subscribed to {@code channel} ({@code PUBSUB NUMSUB}): what the server
   * knows, where a client's own state may run ahead of it or lag behind it.
   */
  public long subscribers(String channel) throws IOException {
    // *2, then the channel as a bulk string ($length and the name), then :count
    List<String> answer = command(4, "PUBSUB", "NUMSUB", channel);
    String count = answer.get(answer.size() - 1);
    if (!count.startsWith(":")) {
      throw new IOException("unexpected PUBSUB NUMSUB answer: " + answer);
    }
    return Long.parseLong(count.substring(1).trim());
  }

  private String command(String... parts) throws IOException {
    return command(1, parts).get(0);
  }

  /** Sends one command; returns the first {@code lines} lines of the answer. */
  private List<String> command(int lines, String... parts) throws IOException {
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
      List<String> answer = new ArrayList<>();
      for (int i = 0; i < lines; i++) {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
          line.append((char) b);
        }
        answer.add(line.toString().strip());
        if (b == -1) {
          break;
        }
      }
      return answer;
    }
  }

  @Override
  public void close() throws Exception {
    stop();
    deleteDirectory();
  }

  private void deleteDirectory() {
    Directories.deleteRecursively(dir);
  }
}
