package org.plezi.bench.run;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The run's options: {@code --docs=DIR} (where the report goes), {@code --quick} (a fifth of the
 * messages: checks the set-up, figures are noisy), {@code
 * --only=fanout,channels,cluster,memory,clients,jmh}, {@code --sizes=1000,5000,10000}, {@code
 * --server-jvm=OPTION} (repeatable; e.g. a JFR recording); for the shootout, {@code --step=1000}
 * (clients added per step), {@code --max-clients=N} (stop there even if p95 holds; default: what
 * the open files limit allows) and {@code --rounds=2} (rounds per side; 1 with {@code --quick});
 * for the memory scenario, {@code --memory-variant=SPEC} (repeatable; Tomcat settings, see {@link
 * MemoryScenario.Variant}; default: {@link MemoryScenario.Variant#DEFAULTS}) and {@code
 * --memory-histograms} (a class histogram of the server at each step, in the logs folder).
 */
record Options(
    Path docs,
    boolean quick,
    Set<String> only,
    List<Integer> sizes,
    List<String> serverJvm,
    int step,
    int maxClients,
    int rounds,
    List<String> memoryVariants,
    boolean memoryHistograms) {
  static final List<String> ALL =
      List.of("fanout", "channels", "cluster", "memory", "clients", "shootout", "jmh");

  static Options parse(String[] args) {
    Path docs = Path.of("docs");
    boolean quick = false;
    Set<String> only = new LinkedHashSet<>(ALL);
    List<Integer> sizes = List.of(1_000, 5_000, 10_000);
    List<String> serverJvm = new java.util.ArrayList<>();
    int step = 1_000;
    int maxClients = 0;
    int rounds = 0;
    List<String> memoryVariants = new java.util.ArrayList<>();
    boolean memoryHistograms = false;
    for (String arg : args) {
      if (arg.isBlank()) {
        continue;
      } else if (arg.startsWith("--docs=")) {
        docs = Path.of(arg.substring(7));
      } else if (arg.equals("--quick")) {
        quick = true;
      } else if (arg.startsWith("--only=")) {
        only = new LinkedHashSet<>(List.of(arg.substring(7).split(",")));
        if (!ALL.containsAll(only)) {
          throw new IllegalArgumentException("--only takes some of " + ALL + ": " + arg);
        }
      } else if (arg.startsWith("--sizes=")) {
        sizes = java.util.Arrays.stream(arg.substring(8).split(",")).map(Integer::valueOf).toList();
      } else if (arg.startsWith("--server-jvm=")) {
        serverJvm.add(arg.substring(13));
      } else if (arg.startsWith("--step=")) {
        step = positive(arg, arg.substring(7));
      } else if (arg.startsWith("--max-clients=")) {
        maxClients = positive(arg, arg.substring(14));
      } else if (arg.startsWith("--rounds=")) {
        rounds = positive(arg, arg.substring(9));
      } else if (arg.startsWith("--memory-variant=")) {
        String spec = arg.substring(17);
        MemoryScenario.Variant.parse(spec); // fails now rather than after the other scenarios
        memoryVariants.add(spec);
      } else if (arg.equals("--memory-histograms")) {
        memoryHistograms = true;
      } else {
        throw new IllegalArgumentException("unknown option " + arg + " (see Options)");
      }
    }
    if (rounds == 0) {
      rounds = quick ? 1 : 2;
    }
    if (memoryVariants.isEmpty()) {
      memoryVariants = MemoryScenario.Variant.DEFAULTS;
    }
    return new Options(
        docs,
        quick,
        only,
        sizes,
        List.copyOf(serverJvm),
        step,
        maxClients,
        rounds,
        List.copyOf(memoryVariants),
        memoryHistograms);
  }

  private static int positive(String arg, String value) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n <= 0) {
      throw new IllegalArgumentException(arg + ": a positive whole number is needed");
    }
    return n;
  }

  boolean runs(String scenario) {
    return only.contains(scenario);
  }

  /** Deliveries per flat-out run. */
  long flatDeliveries() {
    return quick ? 60_000 : 300_000;
  }

  /** The broadcasts that may be on their way at once, flat out. */
  static int window(int connections) {
    return Math.max(2, 10_000 / connections);
  }
}
