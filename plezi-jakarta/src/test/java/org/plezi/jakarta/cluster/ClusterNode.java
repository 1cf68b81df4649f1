package org.plezi.jakarta.cluster;

import java.io.IOException;
import java.util.Map;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.testing.TestServer;

/**
 * One cluster member in a JVM of its own: {@code ClusterNode <redis-url> <channel>} prints {@code
 * READY <port> <server-uuid>} once it serves and has joined the cluster, and stops when its
 * standard input closes. Instead of a {@code redis://} URL it takes the path of a Redisson YAML
 * file ({@code plezi.redis.config}: Sentinel, Cluster).
 */
public final class ClusterNode {
  private ClusterNode() {}

  /** A node started in a JVM of its own; closing it stops the JVM (SIGKILL if it lingers). */
  public record Running(Process process, int port, String serverUuid) implements AutoCloseable {
    /** Ends the JVM at once, as a crash would: no shutdown, no unregistration. */
    public void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
      process.getOutputStream().close();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /**
   * Starts a node on the test's class path and waits for its READY line.
   *
   * @param redisUrl a {@code redis://} URL, or the path of a Redisson YAML file
   */
  public static Running launch(String redisUrl, String channel) throws IOException {
    return launch(redisUrl, channel, null);
  }

  /**
   * Like {@link #launch(String, String)}, with the node's standard error (its log) appended to
   * {@code log}.
   */
  public static Running launch(String redisUrl, String channel, java.nio.file.Path log)
      throws IOException {
    return launch(redisUrl, channel, log, Map.of());
  }

  /**
   * Like {@link #launch(String, String, java.nio.file.Path)}, with more settings ({@code
   * plezi.channels.historySize} for instance); keys and values hold no {@code =} or {@code ,}.
   */
  public static Running launch(
      String redisUrl, String channel, java.nio.file.Path log, Map<String, String> settings)
      throws IOException {
    StringBuilder extra = new StringBuilder();
    settings.forEach(
        (k, v) -> extra.append(extra.length() == 0 ? "" : ",").append(k).append('=').append(v));
    String javaBin =
        System.getProperty("java.home")
            + java.io.File.separator
            + "bin"
            + java.io.File.separator
            + "java";
    Process node =
        new ProcessBuilder(
                javaBin,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ClusterNode.class.getName(),
                redisUrl,
                channel,
                extra.toString())
            .redirectError(
                log == null
                    ? ProcessBuilder.Redirect.DISCARD
                    : ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    java.io.BufferedReader out =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                node.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
    String ready;
    do {
      ready = out.readLine();
    } while (ready != null && !ready.startsWith("READY "));
    if (ready == null) {
      node.destroyForcibly();
      throw new IOException("the cluster node ended without its READY line");
    }
    String[] words = ready.split(" ");
    return new Running(node, Integer.parseInt(words[1]), words[2]);
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> settings = new java.util.HashMap<>();
    settings.put(args[0].startsWith("redis") ? "plezi.redis.url" : "plezi.redis.config", args[0]);
    settings.put("plezi.channel", args[1]);
    if (args.length > 2 && !args[2].isEmpty()) {
      for (String pair : args[2].split(",")) {
        settings.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    try (TestServer server =
        TestServer.start(
            settings,
            ClusterChat.class,
            ClusterOther.class,
            OutageChat.class,
            ChannelChat.class,
            AckedChat.class,
            HistoryRoom.class)) {
      RedisClusterIT.awaitConnected(server); // READY means joined: registerAs works
      System.out.println(
          "READY " + server.port() + " " + Plezi.serverUuid(server.servletContext()));
      System.out.flush();
      while (System.in.read() != -1) {
        // wait for the parent to close our stdin
      }
    }
  }
}
