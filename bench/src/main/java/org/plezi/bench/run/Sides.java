package org.plezi.bench.run;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.plezi.bench.client.ConnectionGroup;
import org.plezi.bench.client.LoadClient;

/**
 * The client connections of the sides (library {@code plezi}, baseline {@code raw}, or the channels
 * scenario's {@code chevent} and {@code chraw}) on one server, N each. All stay open together when
 * the descriptor limit allows their sockets in one process; otherwise only one side is open at a
 * time and switching sides reconnects.
 */
final class Sides implements AutoCloseable {
  private final LoadClient client;
  private final ServerProcess server;
  private final int n;
  private final boolean together;
  private final Map<String, ConnectionGroup> groups = new HashMap<>();
  private final Map<String, RunHandler> handlers = new HashMap<>();

  Sides(LoadClient client, ServerProcess server, int n) {
    this(client, server, n, 2);
  }

  /** As above, for {@code sides} sides: all stay open together when sides x N sockets fit. */
  Sides(LoadClient client, ServerProcess server, int n, int sides) {
    this.client = client;
    this.server = server;
    this.n = n;
    this.together = (long) sides * n + 500 <= Machine.openFilesLimit();
  }

  /** The side's connections, opened (and the other side closed, if need be) on first use. */
  ConnectionGroup group(String side) throws IOException {
    ConnectionGroup open = groups.get(side);
    if (open != null) {
      return open;
    }
    if (!together) {
      for (String other : groups.keySet().toArray(String[]::new)) {
        close(other);
      }
    }
    RunHandler handler = new RunHandler();
    long opening = System.nanoTime();
    ConnectionGroup group =
        client.open(
            server.address(),
            "/" + side,
            n,
            Bench.LOCAL_ADDRESSES,
            handler,
            Duration.ofSeconds(120));
    server.awaitConnections(side, n, Duration.ofSeconds(60));
    Bench.log(
        String.format(
            "  %,d %s connections open in %.1f s", n, side, (System.nanoTime() - opening) / 1e9));
    groups.put(side, group);
    handlers.put(side, handler);
    return group;
  }

  RunHandler handler(String side) throws IOException {
    group(side);
    return handlers.get(side);
  }

  private void close(String side) throws IOException {
    ConnectionGroup group = groups.remove(side);
    RunHandler handler = handlers.remove(side);
    if (handler.stray() > 0) {
      throw new FanoutRun.LossException(
          handler.stray() + " messages reached " + side + " connections outside any run");
    }
    client.close(group, Duration.ofSeconds(60));
    server.awaitConnections(side, 0, Duration.ofSeconds(60));
  }

  @Override
  public void close() throws IOException {
    for (String side : groups.keySet().toArray(String[]::new)) {
      close(side);
    }
  }
}
