package org.plezi.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.plezi.bench.client.ConnectionGroup;
import org.plezi.bench.client.LoadClient;

/**
 * Heap per idle connection, in a fresh server JVM: used heap after full collections with no
 * connection, after N baseline connections, and after N more on the library's controller (both
 * sides open together, so N is at most half the descriptor limit). A short warm-up of each side
 * first, so that classes and Tomcat's first-use structures are not counted.
 */
final class MemoryScenario {
  /** Heap per connection of each side, in bytes. */
  record MemoryResult(int connections, double pleziBytes, double rawBytes) {}

  private final Options options;
  private final LoadClient client;
  private final Path logs;

  MemoryScenario(Options options, LoadClient client, Path logs) {
    this.options = options;
    this.client = client;
    this.logs = logs;
  }

  MemoryResult run() throws IOException {
    // Both sides at once in one server: as many as the descriptor limit allows, up to the size.
    int n =
        Math.min(
            options.sizes().get(options.sizes().size() - 1),
            (int) (Machine.openFilesLimit() - 1_000) / 2 / 1_000 * 1_000);
    try (ServerProcess server =
        ServerProcess.start("memory-server", logs, "6g", options.serverJvm())) {
      for (String side : new String[] {"raw", "plezi"}) {
        ConnectionGroup warm =
            client.open(
                server.address(),
                "/" + side,
                20,
                Bench.LOCAL_ADDRESSES,
                new RunHandler(),
                Duration.ofSeconds(30));
        server.awaitConnections(side, 20, Duration.ofSeconds(30));
        client.close(warm, Duration.ofSeconds(30));
        server.awaitConnections(side, 0, Duration.ofSeconds(30));
      }
      long empty = heap(server);
      RunHandler rawHandler = new RunHandler();
      ConnectionGroup raw =
          client.open(
              server.address(),
              "/raw",
              n,
              Bench.LOCAL_ADDRESSES,
              rawHandler,
              Duration.ofSeconds(120));
      server.awaitConnections("raw", n, Duration.ofSeconds(30));
      long withRaw = heap(server);
      RunHandler pleziHandler = new RunHandler();
      ConnectionGroup plezi =
          client.open(
              server.address(),
              "/plezi",
              n,
              Bench.LOCAL_ADDRESSES,
              pleziHandler,
              Duration.ofSeconds(120));
      server.awaitConnections("plezi", n, Duration.ofSeconds(30));
      long withBoth = heap(server);
      Bench.checkStray(rawHandler, pleziHandler);
      client.close(plezi, Duration.ofSeconds(60));
      client.close(raw, Duration.ofSeconds(60));
      MemoryResult result =
          new MemoryResult(n, (double) (withBoth - withRaw) / n, (double) (withRaw - empty) / n);
      Bench.log(
          String.format(
              "memory: %d idle connections: library %.0f B, baseline %.0f B each",
              n, result.pleziBytes(), result.rawBytes()));
      return result;
    }
  }

  private static long heap(ServerProcess server) throws IOException {
    return Long.parseLong(server.call("HEAP", Duration.ofSeconds(60))[0]);
  }
}
