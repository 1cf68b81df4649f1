package org.plezi.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.plezi.bench.client.ConnectionGroup;
import org.plezi.bench.client.LoadClient;
import org.plezi.bench.client.WsConnection;

/**
 * Heap per connection, idle and active, for each of a list of Tomcat settings ({@link Variant}), in
 * a fresh server JVM per setting. Used heap after full collections: with no connection, after N
 * baseline connections are open (idle), after each of them sent one small text frame and got its
 * echo (active), then the same for N more on the library's controller (both sides open together, so
 * N is at most half the descriptor limit). A short warm-up of each side first (20 connections that
 * each send a frame), so that classes and Tomcat's first-use structures are not counted.
 *
 * <p>"Active" is what a connection that ever received a message keeps for the rest of its life:
 * Tomcat sizes a session's message buffers when the first frame arrives, not at the upgrade.
 */
final class MemoryScenario {
  /** The frame each connection sends once (both sides echo it). */
  static final String FRAME = "{\"hello\":\"memory scenario\"}";

  /**
   * Heap per connection of each side, in bytes, under one setting.
   *
   * @param variant the setting's spec, as given to {@code --memory-variant}
   */
  record MemoryResult(
      String variant,
      int connections,
      double pleziIdle,
      double rawIdle,
      double pleziActive,
      double rawActive,
      double pleziRssActive,
      double rawRssActive) {}

  /**
   * Tomcat settings for one server JVM, from a spec of comma-separated {@code key=value} (or {@code
   * defaults} for none): {@code text} (the servlet context parameter {@code
   * org.apache.tomcat.websocket.textBufferSize}, chars), {@code binary} ({@code
   * org.apache.tomcat.websocket.binaryBufferSize}, bytes), {@code ws} (the system property {@code
   * org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE}: each session's frame input buffer, its output
   * and encoder buffers, and the default of the text and binary buffers), {@code read} and {@code
   * write} (the NIO connector's {@code socket.appReadBufSize} and {@code socket.appWriteBufSize})
   * and {@code socket} (both). Tomcat's defaults are 8,192 for every one.
   */
  record Variant(String spec, List<String> jvmArgs, String extensions) {
    /**
     * The default list: Tomcat's defaults, each setting alone at 1 KiB, all of them at 1 KiB and at
     * 4 KiB, and a 64 Ki-char text buffer (what a plain endpoint needs to accept the messages the
     * library accepts by default with whole-message handlers), and Tomcat's defaults with the
     * client offering permessage-deflate.
     */
    static final List<String> DEFAULTS =
        List.of(
            "defaults",
            "text=1024",
            "binary=1024",
            "ws=1024",
            "socket=1024",
            "ws=1024,socket=1024",
            "ws=4096,socket=4096",
            "text=65536",
            "deflate");

    static Variant parse(String spec) {
      List<String> args = new ArrayList<>();
      String extensions = null;
      if (!spec.equals("defaults")) {
        for (String setting : spec.split(",")) {
          if (setting.equals("deflate")) {
            extensions = "permessage-deflate";
            continue;
          }
          String[] kv = setting.split("=", 2);
          if (kv.length != 2 || !kv[1].matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException(
                "--memory-variant: key=positive size expected, not '" + setting + "'");
          }
          String v = kv[1];
          switch (kv[0]) {
            case "text" -> args.add("-Dbench.textBufferSize=" + v);
            case "binary" -> args.add("-Dbench.binaryBufferSize=" + v);
            case "ws" -> args.add("-Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=" + v);
            case "read" -> args.add("-Dbench.appReadBufSize=" + v);
            case "write" -> args.add("-Dbench.appWriteBufSize=" + v);
            case "session" -> args.add("-Dbench.rawSessionBufferSize=" + v);
            case "socket" -> {
              args.add("-Dbench.appReadBufSize=" + v);
              args.add("-Dbench.appWriteBufSize=" + v);
            }
            default ->
                throw new IllegalArgumentException(
                    "--memory-variant: keys are text, binary, ws, read, write, socket, session,"
                        + " and deflate alone: "
                        + spec);
          }
        }
      }
      return new Variant(spec, List.copyOf(args), extensions);
    }
  }

  private final Options options;
  private final LoadClient client;
  private final Path logs;

  MemoryScenario(Options options, LoadClient client, Path logs) {
    this.options = options;
    this.client = client;
    this.logs = logs;
  }

  List<MemoryResult> run() throws IOException {
    // Both sides at once in one server: as many as the descriptor limit allows, up to the size.
    int n =
        Math.min(
            options.sizes().get(options.sizes().size() - 1),
            (int) (Machine.openFilesLimit() - 1_000) / 2 / 1_000 * 1_000);
    List<MemoryResult> results = new ArrayList<>();
    for (String spec : options.memoryVariants()) {
      results.add(run(Variant.parse(spec), n));
    }
    return results;
  }

  private MemoryResult run(Variant variant, int n) throws IOException {
    List<String> jvm = new ArrayList<>(options.serverJvm());
    jvm.addAll(variant.jvmArgs());
    try (ServerProcess server = ServerProcess.start("memory-server", logs, "6g", jvm)) {
      for (String side : new String[] {"raw", "plezi"}) {
        RunHandler handler = new RunHandler();
        ConnectionGroup warm =
            client.open(
                server.address(),
                "/" + side,
                20,
                Bench.LOCAL_ADDRESSES,
                handler,
                Duration.ofSeconds(30),
                variant.extensions());
        server.awaitConnections(side, 20, Duration.ofSeconds(30));
        echoOnce(warm, handler);
        client.close(warm, Duration.ofSeconds(30));
        server.awaitConnections(side, 0, Duration.ofSeconds(30));
      }
      long empty = heap(server, variant, "0-empty");
      long rssEmpty = rss(server);
      RunHandler rawHandler = new RunHandler();
      ConnectionGroup raw = open(server, "raw", n, rawHandler, variant);
      long rawIdle = heap(server, variant, "1-raw-idle");
      echoOnce(raw, rawHandler);
      long rawActive = heap(server, variant, "2-raw-active");
      long rssRaw = rss(server);
      RunHandler pleziHandler = new RunHandler();
      ConnectionGroup plezi = open(server, "plezi", n, pleziHandler, variant);
      long pleziIdle = heap(server, variant, "3-plezi-idle");
      echoOnce(plezi, pleziHandler);
      long pleziActive = heap(server, variant, "4-plezi-active");
      long rssBoth = rss(server);
      Bench.checkStray(rawHandler, pleziHandler);
      if (!raw.unexpectedCloses().isEmpty() || !plezi.unexpectedCloses().isEmpty()) {
        throw new IOException(
            "the server closed connections: raw "
                + raw.unexpectedCloses()
                + ", library "
                + plezi.unexpectedCloses());
      }
      client.close(plezi, Duration.ofSeconds(60));
      client.close(raw, Duration.ofSeconds(60));
      MemoryResult result =
          new MemoryResult(
              variant.spec(),
              n,
              (double) (pleziIdle - rawActive) / n,
              (double) (rawIdle - empty) / n,
              (double) (pleziActive - rawActive) / n,
              (double) (rawActive - empty) / n,
              (double) (rssBoth - rssRaw) / n,
              (double) (rssRaw - rssEmpty) / n);
      Bench.log(
          String.format(
              "memory [%s]: %d connections: idle library %.0f B, baseline %.0f B; "
                  + "active library %.0f B, baseline %.0f B each (resident memory: library"
                  + " %.0f B, baseline %.0f B)",
              variant.spec(),
              n,
              result.pleziIdle(),
              result.rawIdle(),
              result.pleziActive(),
              result.rawActive(),
              result.pleziRssActive(),
              result.rawRssActive()));
      return result;
    }
  }

  private ConnectionGroup open(
      ServerProcess server, String side, int n, RunHandler handler, Variant variant)
      throws IOException {
    ConnectionGroup group =
        client.open(
            server.address(),
            "/" + side,
            n,
            Bench.LOCAL_ADDRESSES,
            handler,
            Duration.ofSeconds(120),
            variant.extensions());
    server.awaitConnections(side, n, Duration.ofSeconds(30));
    return group;
  }

  /** Each connection of the group sends {@link #FRAME} and waits for its one echo. */
  private void echoOnce(ConnectionGroup group, RunHandler handler) throws IOException {
    int size = group.size();
    AtomicInteger[] echoes = new AtomicInteger[size];
    for (int i = 0; i < size; i++) {
      echoes[i] = new AtomicInteger();
    }
    AtomicInteger answered = new AtomicInteger();
    CompletableFuture<Void> all = new CompletableFuture<>();
    handler.start(
        (connection, data, offset, length, receivedNanos) -> {
          int index = connection.index();
          if (echoes[index].incrementAndGet() == 1 && answered.incrementAndGet() == size) {
            all.complete(null);
          }
        });
    for (WsConnection c : group.connections()) {
      client.sendText(c, FRAME);
    }
    try {
      all.get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IOException(
          group.path() + ": " + answered.get() + " of " + size + " echoes after 60 s");
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } finally {
      handler.stop();
    }
    for (AtomicInteger e : echoes) {
      if (e.get() != 1) {
        throw new IOException(group.path() + ": a connection got " + e.get() + " echoes, not 1");
      }
    }
  }

  /**
   * The server JVM's resident memory (VmRSS, Linux), in bytes: heap pages touched so far and native
   * memory (permessage-deflate's zlib streams are native); 0 where /proc is not there.
   */
  private static long rss(ServerProcess server) throws IOException {
    Path status = Path.of("/proc", Long.toString(server.pid()), "status");
    if (!java.nio.file.Files.exists(status)) {
      return 0;
    }
    for (String line : java.nio.file.Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }

  /**
   * Used heap after full collections; with {@code --memory-histograms}, also the server's class
   * histogram at that point, in the logs folder (for where the bytes go).
   */
  private long heap(ServerProcess server, Variant variant, String stage) throws IOException {
    long used = Long.parseLong(server.call("HEAP", Duration.ofSeconds(60))[0]);
    if (options.memoryHistograms()) {
      String name =
          "memory-" + variant.spec().replaceAll("[^a-z0-9]+", "_") + "-" + stage + ".histo";
      Process jcmd =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                  Long.toString(server.pid()),
                  "GC.class_histogram")
              .redirectErrorStream(true)
              .redirectOutput(logs.resolve(name).toFile())
              .start();
      try {
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
          jcmd.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
    }
    return used;
  }
}
