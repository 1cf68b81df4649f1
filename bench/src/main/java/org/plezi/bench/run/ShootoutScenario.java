package org.plezi.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.plezi.bench.Percentiles;
import org.plezi.bench.client.ShootoutClient;

/**
 * The websocket-shootout workload (issue 15): broadcasts triggered by client frames, the sender
 * waiting for its {@code broadcastResult}, against the library's {@code /ws} ({@code
 * ShootoutController}) and the raw endpoint's {@code /rawws} ({@code RawShootoutEndpoint}) on one
 * Tomcat ({@code maxConnections=-1}, {@code maxThreads=8}). The load client ({@link
 * ShootoutClient}, the JDK's websocket client) runs in a JVM of its own, a fresh one per ramp. A
 * ramp holds N connections, sends a sample of {@value #SAMPLE} broadcasts {@value #IN_FLIGHT} at a
 * time from random connections, checks that every connection got every broadcast exactly once, and
 * adds {@code --step} connections until the sample's p95 round trip exceeds {@value #LIMIT_MILLIS}
 * ms (or {@code --max-clients} is reached). Rounds of one ramp per side, the order alternating.
 */
final class ShootoutScenario {
  static final int SAMPLE = 20;
  static final int IN_FLIGHT = 4;
  static final long LIMIT_MILLIS = 500;

  /** Unrecorded samples at the first step of each ramp: the JIT's warm-up. */
  static final int WARM_UP_SAMPLES = 3;

  /** The sides: the route and how the report names it. */
  static final List<String> SIDES = List.of("ws", "rawws");

  /**
   * One step of a ramp.
   *
   * @param clients connections held during the sample
   * @param deliveriesPerSecond broadcast frames received by the clients, from the sample's first
   *     send to its last delivery
   * @param cpuMicrosPerDelivery the server JVM's CPU time (all threads) during the sample per
   *     delivery
   */
  record Step(
      int clients,
      long p50Micros,
      long p95Micros,
      long maxMicros,
      long deliveries,
      double deliveriesPerSecond,
      double cpuMicrosPerDelivery) {
    /** The step's round trips, in microseconds. */
    static Step of(int clients, long[] rttMicros, long deliveries, long nanos, long cpuNanos) {
      return new Step(
          clients,
          Percentiles.nearestRank(rttMicros, 50),
          Percentiles.nearestRank(rttMicros, 95),
          Arrays.stream(rttMicros).max().orElse(0),
          deliveries,
          deliveries / Math.max(1e-9, nanos / 1e9),
          cpuNanos / 1e3 / Math.max(1, deliveries));
    }

    boolean held() {
      return p95Micros <= LIMIT_MILLIS * 1_000;
    }
  }

  /**
   * One ramp of one side.
   *
   * @param capped the ramp stopped at {@code --max-clients} with p95 still within the limit
   */
  record Ramp(String side, int round, List<Step> steps, boolean capped) {
    /** The step with the most clients held within the limit, before the first that was not. */
    Step largestHeld() {
      Step held = null;
      for (Step s : steps) {
        if (!s.held()) {
          break;
        }
        held = s;
      }
      return held;
    }
  }

  private final Options options;
  private final Path logs;

  ShootoutScenario(Options options, Path logs) {
    this.options = options;
    this.logs = logs;
  }

  List<Ramp> run() throws IOException {
    long allowed = Machine.openFilesLimit() - 500;
    int max =
        (int)
            Math.min(
                options.maxClients() > 0 ? options.maxClients() : Integer.MAX_VALUE,
                Math.min(allowed, Integer.MAX_VALUE));
    if (max < options.step()) {
      throw new IOException(
          "the open files limit ("
              + Machine.descriptorLimit()
              + ") leaves room for fewer clients than one step");
    }
    Bench.log(
        "shootout: steps of "
            + options.step()
            + " clients up to "
            + max
            + ", "
            + options.rounds()
            + " round(s) per side");
    List<String> serverJvm = new ArrayList<>(options.serverJvm());
    serverJvm.add("-Dbench.maxThreads=8");
    List<Ramp> ramps = new ArrayList<>();
    try (ServerProcess server = ServerProcess.start("shootout-server", logs, "4g", serverJvm)) {
      for (int round = 1; round <= options.rounds(); round++) {
        List<String> order = round % 2 == 1 ? SIDES : List.of(SIDES.get(1), SIDES.get(0));
        for (String side : order) {
          ramps.add(ramp(server, side, round, max));
        }
      }
    }
    return ramps;
  }

  private Ramp ramp(ServerProcess server, String side, int round, int max) throws IOException {
    Bench.log("shootout: " + name(side) + ", round " + round);
    String uri = "ws://127.0.0.1:" + server.address().getPort() + "/" + side;
    List<Step> steps = new ArrayList<>();
    int sampleNumber = 0;
    try (ServerProcess client =
        ServerProcess.start(
            "shootout-client-" + side + "-" + round, logs, "3g", List.of(), ShootoutClient.class)) {
      for (int n = options.step(); n <= max; n += options.step()) {
        long opening = System.nanoTime();
        client.call("OPEN " + uri + " " + n, Duration.ofMinutes(5));
        server.awaitConnections(side, n, Duration.ofSeconds(60));
        double openSeconds = (System.nanoTime() - opening) / 1e9;
        if (steps.isEmpty()) {
          for (int i = 0; i < WARM_UP_SAMPLES; i++) {
            sample(server, client, side, n, ++sampleNumber);
          }
        }
        Step step = sample(server, client, side, n, ++sampleNumber);
        steps.add(step);
        Bench.log(
            String.format(
                "  %-12s %,6d clients (+%.1f s to open): p50 %,d ms, p95 %,d ms, max %,d ms, "
                    + "%,.0f deliveries/s, server CPU %.2f us/delivery",
                name(side),
                n,
                openSeconds,
                step.p50Micros() / 1_000,
                step.p95Micros() / 1_000,
                step.maxMicros() / 1_000,
                step.deliveriesPerSecond(),
                step.cpuMicrosPerDelivery()));
        if (!step.held()) {
          break;
        }
      }
      long stray = Long.parseLong(client.call("CLOSE", Duration.ofMinutes(2))[0]);
      server.awaitConnections(side, 0, Duration.ofSeconds(60));
      if (stray > 0) {
        throw new FanoutRun.LossException(
            stray + " broadcasts reached " + name(side) + " clients outside any sample");
      }
    }
    boolean capped = !steps.isEmpty() && steps.get(steps.size() - 1).held();
    return new Ramp(side, round, steps, capped);
  }

  /** One sample at n clients, checked for exactly-once delivery. */
  private static Step sample(ServerProcess server, ServerProcess client, String side, int n, int id)
      throws IOException {
    long cpuBefore = cpu(server);
    String[] w =
        client.call("SAMPLE " + id + " " + SAMPLE + " " + IN_FLIGHT, Duration.ofMinutes(3));
    long cpu = cpu(server) - cpuBefore;
    long received = Long.parseLong(w[0]);
    long expected = Long.parseLong(w[1]);
    long missing = Long.parseLong(w[2]);
    long extra = Long.parseLong(w[3]);
    if (missing != 0 || extra != 0 || received != expected || expected != (long) n * SAMPLE) {
      throw new FanoutRun.LossException(
          String.format(
              "%s at %d clients: %d deliveries of %d expected, %d missing, %d extra",
              name(side), n, received, (long) n * SAMPLE, missing, extra));
    }
    long[] rtts = Arrays.stream(w[5].split(",")).mapToLong(Long::parseLong).toArray();
    // In sending order: where a sample's slow round trips fall (its first broadcasts, its last)
    Bench.log(
        "    round trips in sending order, ms: "
            + Arrays.stream(rtts)
                .mapToObj(micros -> Long.toString(micros / 1_000))
                .collect(Collectors.joining(" ")));
    return Step.of(n, rtts, received, Long.parseLong(w[4]), cpu);
  }

  private static long cpu(ServerProcess server) throws IOException {
    return Long.parseLong(server.call("CPU", Duration.ofSeconds(10))[0]);
  }

  static String name(String side) {
    return side.equals("ws") ? "library" : "raw endpoint";
  }
}
