package org.plezi.bench.run;

import java.nio.file.Path;
import org.plezi.bench.client.LoadClient;

/**
 * Runs the scenarios in order (fan-out, channels, cluster, memory, client libraries, shootout,
 * JMH), writes the report, and returns the exit status: non-zero when any message was lost or any
 * scenario failed.
 */
public final class Runner {
  private Runner() {}

  public static int run(String[] args) throws Exception {
    Options options = Options.parse(args);
    Report report = new Report();
    report.command =
        String.join(
            " ",
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("bench/run.sh"),
                    java.util.Arrays.stream(args)
                        .filter(a -> !a.startsWith("--docs=") && !a.isBlank()))
                .toList());
    report.loadBefore = Machine.load();
    long start = System.nanoTime();
    Path logs = Path.of("target", "bench-logs");
    Bench.log(
        "bench: "
            + Machine.current()
            + "; load "
            + report.loadBefore
            + "; open files "
            + Machine.descriptorLimit());
    int largest = options.sizes().stream().mapToInt(Integer::intValue).max().orElse(0);
    boolean sized =
        java.util.stream.Stream.of("fanout", "channels", "cluster", "memory")
            .anyMatch(options::runs);
    if (sized && Machine.openFilesLimit() < largest + 500L) {
      Bench.log(
          "the open files limit ("
              + Machine.descriptorLimit()
              + ") is too low for "
              + largest
              + " connections: run bench/run.sh, which raises it, or pass smaller --sizes");
      return 2;
    }
    try (LoadClient client = new LoadClient(256)) {
      scenario(
          report,
          "fanout",
          options,
          () -> report.fanout.addAll(new FanoutScenario(options, client, logs).run()));
      scenario(
          report,
          "channels",
          options,
          () -> {
            ChannelsScenario channels = new ChannelsScenario(options, client, logs);
            report.channels.addAll(channels.run());
            report.presence.addAll(channels.presence());
          });
      scenario(
          report,
          "cluster",
          options,
          () -> report.cluster.addAll(new ClusterScenario(options, client, logs).run()));
      scenario(
          report,
          "memory",
          options,
          () -> report.memory.addAll(new MemoryScenario(options, client, logs).run()));
      scenario(
          report,
          "clients",
          options,
          () -> report.clients.addAll(new ClientsScenario(options, client, logs).run()));
    }
    scenario(
        report,
        "shootout",
        options,
        () -> report.shootout.addAll(new ShootoutScenario(options, logs).run()));
    scenario(report, "jmh", options, () -> report.jmh.addAll(new JmhScenario(options).run()));
    report.loadAfter = Machine.load();
    report.minutes = (System.nanoTime() - start) / 60e9;
    report.write(options.docs());
    Bench.log(
        "report: "
            + options.docs().resolve("benchmarks/latest-run.md").toAbsolutePath().normalize());
    if (!report.failures.isEmpty()) {
      Bench.log("FAILED: " + String.join("; ", report.failures));
      return 1;
    }
    return 0;
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void scenario(Report report, String name, Options options, Step step) {
    if (!options.runs(name)) {
      return;
    }
    try {
      step.run();
    } catch (FanoutRun.LossException e) {
      report.failures.add("LOSS in " + name + ": " + e.getMessage());
    } catch (Exception e) {
      report.failures.add(name + ": " + e);
      System.getLogger("org.plezi.bench").log(System.Logger.Level.ERROR, name + " failed", e);
    } finally {
      if (options.runs(name)) {
        Bench.log(name + " done; load " + Machine.load());
      }
    }
  }
}
