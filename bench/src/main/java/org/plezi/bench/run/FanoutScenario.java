package org.plezi.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plezi.bench.client.LoadClient;

/**
 * Fan-out on one server: for each size, N connections on the library's controller and N on the
 * baseline endpoint of the same Tomcat; flat-out runs (several per side, interleaved) and a
 * fixed-rate run per side.
 */
final class FanoutScenario {
  /** The fixed rate's load, in deliveries per second, whatever the number of connections. */
  static final int RATE_DELIVERIES = 20_000;

  /** Flat-out runs per side and size. */
  static final int ROUNDS = 4;

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
   * One size: a warm-up per side, then {@link #ROUNDS} rounds of one flat-out run per side, the
   * sides' order alternating between rounds (so a drift of the machine's load favours neither),
   * then a fixed-rate run per side.
   */
  private List<RunResult> size(ServerProcess server, int n) throws IOException {
    Bench.log("fan-out: " + n + " connections per side");
    int window = Options.window(n);
    long count = Math.max(20, options.flatDeliveries() / n);
    double perSecond = (double) RATE_DELIVERIES / n;
    long rateCount = Math.max(10, (long) (perSecond * (options.quick() ? 2 : 5)));
    List<RunResult> results = new ArrayList<>();
    try (Sides sides = new Sides(client, server, n)) {
      Map<String, List<RunResult>> flat = new HashMap<>();
      for (int round = 0; round < ROUNDS; round++) {
        List<String> order = round % 2 == 0 ? List.of("plezi", "raw") : List.of("raw", "plezi");
        for (String side : order) {
          if (round == 0) { // JIT warm-up of this side's path, not recorded
            FanoutRun.run(
                "fanout",
                server,
                sides.group(side),
                sides.handler(side),
                side,
                count / 2,
                window,
                0);
          }
          RunResult r =
              FanoutRun.run(
                  "fanout", server, sides.group(side), sides.handler(side), side, count, window, 0);
          Bench.log("  " + Bench.describe(r));
          flat.computeIfAbsent(side, k -> new ArrayList<>()).add(r);
        }
      }
      results.add(summary(flat.get("plezi")));
      results.add(summary(flat.get("raw")));
      for (String side : List.of("raw", "plezi")) {
        // Settles connections that may have just been reopened, as before a flat-out run.
        FanoutRun.run(
            "fanout", server, sides.group(side), sides.handler(side), side, count / 4, window, 0);
        RunResult r =
            FanoutRun.run(
                "fanout",
                server,
                sides.group(side),
                sides.handler(side),
                side,
                rateCount,
                (int) rateCount,
                perSecond);
        Bench.log("  " + Bench.describe(r));
        results.add(r);
      }
    }
    return results;
  }

  /**
   * A side's flat-out figure: its best run (the least disturbed by other work on the machine), with
   * the median CPU per delivery of all its runs.
   */
  static RunResult summary(List<RunResult> runs) {
    RunResult best =
        runs.stream().max(Comparator.comparingDouble(RunResult::perSecond)).orElseThrow();
    double[] cpu = runs.stream().mapToDouble(RunResult::cpuMicrosPerDelivery).sorted().toArray();
    double median =
        cpu.length % 2 == 1
            ? cpu[cpu.length / 2]
            : (cpu[cpu.length / 2 - 1] + cpu[cpu.length / 2]) / 2;
    return new RunResult(
        best.scenario(),
        best.side(),
        best.connections(),
        best.mode(),
        best.broadcasts(),
        best.deliveries(),
        best.seconds(),
        best.perSecond(),
        best.p50Micros(),
        best.p99Micros(),
        best.maxMicros(),
        median);
  }
}
