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
 * Channels on one server (local bus): for each size, a publish to a channel of N subscribers in
 * either mode ({@code chevent}: EVENT, the subscriber's {@code @Event} writes the text; {@code
 * chraw}: RAW, written unchanged) against a class broadcast to N connections ({@code plezi}), the
 * same server, the same run, the sides' order rotating between rounds; every run checked for loss
 * as in the fan-out scenario. Then the time of {@code presence(name)} of a channel of {@link
 * #PRESENCE_MEMBERS} members.
 */
final class ChannelsScenario {
  /** The sides in the order of the first round. */
  static final List<String> SIDES = List.of("plezi", "chevent", "chraw");

  /** Members of the channel whose presence is read. */
  static final int PRESENCE_MEMBERS = 10_000;

  /** One presence figure: reads of a channel of {@code members} members on a bus. */
  record PresenceResult(String bus, int members, int reads, double medianMs, double p99Ms) {}

  /** One row of the report: a mode's channel figure and the class broadcast of the same size. */
  record Row(int connections, String mode, RunResult channel, RunResult broadcast) {
    double ratio() {
      return channel.perSecond() / broadcast.perSecond();
    }

    double cpuRatio() {
      return channel.cpuMicrosPerDelivery() / broadcast.cpuMicrosPerDelivery();
    }
  }

  private final Options options;
  private final LoadClient client;
  private final Path logs;
  private final List<PresenceResult> presence = new ArrayList<>();

  ChannelsScenario(Options options, LoadClient client, Path logs) {
    this.options = options;
    this.client = client;
    this.logs = logs;
  }

  /** The flat-out summaries, one per side and size; the presence read runs on the same server. */
  List<RunResult> run() throws IOException {
    List<RunResult> results = new ArrayList<>();
    try (ServerProcess server =
        ServerProcess.start("channels-server", logs, "6g", options.serverJvm())) {
      for (int size : options.sizes()) {
        results.addAll(size(server, size));
      }
      if (PRESENCE_MEMBERS + 500L <= Machine.openFilesLimit()) {
        presence.add(presenceRead(server));
      } else {
        Bench.log("channels: open files limit too low for the presence read; skipped");
      }
    }
    return results;
  }

  /** The presence figures of the last {@link #run()}. */
  List<PresenceResult> presence() {
    return List.copyOf(presence);
  }

  /** The side of round {@code round} at {@code index}: the order rotates by one each round. */
  static String side(int round, int index) {
    return SIDES.get((round + index) % SIDES.size());
  }

  private int rounds() {
    return options.quick() ? 2 : FanoutScenario.ROUNDS;
  }

  private List<RunResult> size(ServerProcess server, int n) throws IOException {
    Bench.log("channels: " + n + " subscribers / connections per side");
    int window = Options.window(n);
    long count = Math.max(20, options.flatDeliveries() / n);
    Map<String, List<RunResult>> flat = new HashMap<>();
    try (Sides sides = new Sides(client, server, n, SIDES.size())) {
      for (int round = 0; round < rounds(); round++) {
        for (int i = 0; i < SIDES.size(); i++) {
          String side = side(round, i);
          ConnectionGroup group = sides.group(side);
          if (round == 0) { // JIT warm-up of this side's path, not recorded
            FanoutRun.run(
                "channels", server, group, sides.handler(side), side, count / 2, window, 0);
          }
          RunResult r =
              FanoutRun.run("channels", server, group, sides.handler(side), side, count, window, 0);
          Bench.log("  " + Bench.describe(r));
          flat.computeIfAbsent(side, k -> new ArrayList<>()).add(r);
        }
      }
    }
    List<RunResult> results = new ArrayList<>();
    for (String side : SIDES) {
      results.add(FanoutScenario.summary(flat.get(side)));
    }
    return results;
  }

  private PresenceResult presenceRead(ServerProcess server) throws IOException {
    int reads = options.quick() ? 20 : 100;
    Bench.log("channels: presence of " + PRESENCE_MEMBERS + " members, " + reads + " reads");
    RunHandler handler = new RunHandler();
    ConnectionGroup group =
        client.open(
            server.address(),
            "/presence",
            PRESENCE_MEMBERS,
            Bench.LOCAL_ADDRESSES,
            handler,
            Duration.ofSeconds(120));
    try {
      server.awaitConnections("presence", PRESENCE_MEMBERS, Duration.ofSeconds(60));
      String[] t = server.call("PRESENCE " + PRESENCE_MEMBERS + " " + reads, Duration.ofMinutes(5));
      PresenceResult r =
          new PresenceResult(
              "local",
              Integer.parseInt(t[0]),
              reads,
              Long.parseLong(t[1]) / 1e6,
              Long.parseLong(t[2]) / 1e6);
      Bench.log(
          String.format(
              "  presence (%s bus) of %,d members: median %.2f ms, p99 %.2f ms",
              r.bus(), r.members(), r.medianMs(), r.p99Ms()));
      return r;
    } finally {
      client.close(group, Duration.ofSeconds(60));
      server.awaitConnections("presence", 0, Duration.ofSeconds(60));
    }
  }

  /**
   * The report's rows: per size, EVENT then RAW against the class broadcast of that size.
   *
   * @throws java.util.NoSuchElementException when a size lacks one of the three sides
   */
  static List<Row> rows(List<RunResult> results) {
    List<Row> rows = new ArrayList<>();
    for (RunResult b : results) {
      if (!b.side().equals("plezi")) {
        continue;
      }
      for (String[] mode : new String[][] {{"chevent", "EVENT"}, {"chraw", "RAW"}}) {
        RunResult c =
            results.stream()
                .filter(r -> r.side().equals(mode[0]) && r.connections() == b.connections())
                .findFirst()
                .orElseThrow();
        rows.add(new Row(b.connections(), mode[1], c, b));
      }
    }
    return rows;
  }
}
