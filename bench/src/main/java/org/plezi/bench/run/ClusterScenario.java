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
 * Two servers in separate JVMs and a Redis of the bench's own: broadcasts sent on server A (which
 * has no clients) reach the clients of server B through Redis. For each size the library and the
 * baseline (raw payload on its own channel) run flat out, twice each; Redis's own PUBLISH count
 * proves how many publishes each broadcast cost.
 */
final class ClusterScenario {
  /** A cluster run's result and what Redis counted for it. */
  record ClusterResult(RunResult run, double redisPublishesPerBroadcast) {}

  private final Options options;
  private final LoadClient client;
  private final Path logs;

  ClusterScenario(Options options, LoadClient client, Path logs) {
    this.options = options;
    this.client = client;
    this.logs = logs;
  }

  List<ClusterResult> run() throws IOException, InterruptedException {
    List<ClusterResult> results = new ArrayList<>();
    try (RedisProcess redis = RedisProcess.start(logs);
        ServerProcess a =
            ServerProcess.start("cluster-a", logs, "1g", options.serverJvm(), redis.url());
        ServerProcess b =
            ServerProcess.start("cluster-b", logs, "6g", options.serverJvm(), redis.url())) {
      awaitSubscribers(redis, a, b);
      List<Integer> sizes =
          options.sizes().size() > 1
              ? List.of(options.sizes().get(0), options.sizes().get(options.sizes().size() - 1))
              : options.sizes();
      for (int n : sizes) {
        results.addAll(size(redis, a, b, n));
      }
    }
    return results;
  }

  /** Both servers' library buses and baseline subscriptions are live before anything is sent. */
  private static void awaitSubscribers(RedisProcess redis, ServerProcess a, ServerProcess b)
      throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!(connected(redis, a)
        && connected(redis, b)
        && redis.subscribers("bench_plezi") == 2
        && redis.subscribers("bench_raw") == 2)) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the cluster did not form within 60 s (see the server logs)");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // polling other processes
    }
  }

  /**
   * Whether the library's bus on this server has joined the cluster: it subscribes to the global
   * channel, then to a private channel named by its server uuid.
   */
  private static boolean connected(RedisProcess redis, ServerProcess server) throws IOException {
    String serverUuid = server.call("BUS", Duration.ofSeconds(10))[0];
    return redis.subscribers(serverUuid) == 1;
  }

  /**
   * One size: a warm-up per side, then two flat-out runs per side in the order library, baseline,
   * baseline, library; each side's best run is kept (CPU: the median), and Redis's PUBLISH count
   * over all its runs gives the publishes per broadcast.
   */
  private List<ClusterResult> size(RedisProcess redis, ServerProcess a, ServerProcess b, int n)
      throws IOException {
    Bench.log("cluster: " + n + " connections per side on server B");
    int window = Options.window(n);
    long count = Math.max(20, options.flatDeliveries() / n);
    Map<String, List<RunResult>> runs = new HashMap<>();
    Map<String, long[]> publishes = new HashMap<>(); // side -> {redis, broadcasts}
    try (Sides sides = new Sides(client, b, n)) {
      List<String> order = List.of("plezi", "raw", "raw", "plezi");
      for (int i = 0; i < order.size(); i++) {
        String side = order.get(i);
        ConnectionGroup group = sides.group(side);
        RunHandler handler = sides.handler(side);
        if (i == order.indexOf(side)) {
          FanoutRun.run("cluster", a, b, group, handler, side, count / 2, window, 0); // warm-up
        }
        long redisBefore = redis.publishCalls();
        RunResult r = FanoutRun.run("cluster", a, b, group, handler, side, count, window, 0);
        long redisPublishes = redis.publishCalls() - redisBefore;
        long[] total = publishes.computeIfAbsent(side, k -> new long[2]);
        total[0] += redisPublishes;
        total[1] += count;
        Bench.log(
            "  "
                + Bench.describe(r)
                + String.format(
                    ", Redis PUBLISH per broadcast %.2f", (double) redisPublishes / count));
        runs.computeIfAbsent(side, k -> new ArrayList<>()).add(r);
      }
    }
    List<ClusterResult> results = new ArrayList<>();
    for (String side : List.of("plezi", "raw")) {
      long[] total = publishes.get(side);
      results.add(
          new ClusterResult(FanoutScenario.summary(runs.get(side)), (double) total[0] / total[1]));
    }
    return results;
  }
}
