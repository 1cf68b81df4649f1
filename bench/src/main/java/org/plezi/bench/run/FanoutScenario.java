package org.plezi.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plezi.bench.client.ConnectionGroup;
import org.plezi.bench.client.LoadClient;

/**
 * Fan-out on one server: for each size, N connections on the library's controller or N on the
 * baseline endpoint of the same Tomcat; flat-out runs (twice per side, the better kept) and a
 * fixed-rate run per side.
 */
final class FanoutScenario {
  /** The fixed rate's load, in deliveries per second, whatever the number of connections. */
  static final int RATE_DELIVERIES = 40_000;

  private final Options options;
  private final LoadClient client;
  private final Path logs;

  FanoutScenario(Options options, LoadClient client, Path logs) {
    this.options = options;
    this.client = client;
    this.logs = logs;
  }

  List<RunResult> run() throws IOException {
    List<RunResult> results = new ArrayList<>();
    try (ServerProcess server =
        ServerProcess.start("fanout-server", logs, "6g", options.serverJvm())) {
      for (int size : options.sizes()) {
        results.addAll(size(server, size));
      }
    }
    return results;
  }

  /**
   * One size. Each side's connections are open alone (a process here may hold 20,000 descriptors,
   * fewer than 2 x 10,000 connections plus the JVM's own), in the order library, baseline,
   * baseline, library, so that a drift of the machine's load during the size favours neither.
   */
  private List<RunResult> size(ServerProcess server, int n) throws IOException {
    int window = Options.window(n);
    long count = Math.max(20, options.flatDeliveries() / n);
    double perSecond = (double) RATE_DELIVERIES / n;
    long rateCount = Math.max(10, (long) (perSecond * (options.quick() ? 2 : 5)));
    Map<String, RunResult> best = new HashMap<>();
    List<RunResult> rated = new ArrayList<>();
    List<String> order = List.of("plezi", "raw", "raw", "plezi");
    ConnectionGroup group = null;
    RunHandler handler = null;
    for (int i = 0; i < order.size(); i++) {
      String side = order.get(i);
      boolean first = i == order.indexOf(side);
      if (group == null) {
        handler = new RunHandler();
        group = open(server, side, n, handler);
      }
      if (first) { // JIT warm-up of this side's path, not recorded
        FanoutRun.run("fanout", server, group, handler, side, count / 4, window, 0);
      }
      RunResult flat = FanoutRun.run("fanout", server, group, handler, side, count, window, 0);
      Bench.log("  " + Bench.describe(flat));
      best.merge(side, flat, (a, b) -> a.perSecond() >= b.perSecond() ? a : b);
      if (first) {
        RunResult rate = FanoutRun.run("fanout", server, group, handler, side, rateCount,
            (int) rateCount, perSecond);
        Bench.log("  " + Bench.describe(rate));
        rated.add(rate);
      }
      if (i + 1 == order.size() || !order.get(i + 1).equals(side)) {
        checkStray(handler);
        client.close(group, Duration.ofSeconds(60));
        server.awaitConnections(side, 0, Duration.ofSeconds(60));
        group = null;
      }
    }
    List<RunResult> results = new ArrayList<>(List.of(best.get("plezi"), best.get("raw")));
    results.addAll(rated);
    return results;
  }

  private ConnectionGroup open(ServerProcess server, String side, int n, RunHandler handler)
      throws IOException {
    long opening = System.nanoTime();
    ConnectionGroup group = client.open(server.address(), "/" + side, n,
        Bench.LOCAL_ADDRESSES, handler, Duration.ofSeconds(120));
    server.awaitConnections(side, n, Duration.ofSeconds(30));
    Bench.log(String.format("fan-out: %d %s connections open in %.1f s", n, side,
        (System.nanoTime() - opening) / 1e9));
    return group;
  }

  static void checkStray(RunHandler... handlers) throws IOException {
    for (RunHandler h : handlers) {
      if (h.stray() > 0) {
        throw new FanoutRun.LossException(h.stray() + " messages arrived outside any run");
      }
    }
  }
}
