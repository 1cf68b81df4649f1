package org.plezi.bench.run;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The run's options: {@code --docs=DIR} (where the report goes), {@code --quick} (a fifth of the
 * messages: checks the set-up, figures are noisy), {@code
 * --only=fanout,channels,cluster,memory,clients,jmh}, {@code --sizes=1000,5000,10000}, {@code
 * --server-jvm=OPTION} (repeatable; e.g. a JFR recording).
 */
record Options(
    Path docs, boolean quick, Set<String> only, List<Integer> sizes, List<String> serverJvm) {
  static final List<String> ALL =
      List.of("fanout", "channels", "cluster", "memory", "clients", "jmh");

  static Options parse(String[] args) {
    Path docs = Path.of("docs");
    boolean quick = false;
    Set<String> only = new LinkedHashSet<>(ALL);
    List<Integer> sizes = List.of(1_000, 5_000, 10_000);
    List<String> serverJvm = new java.util.ArrayList<>();
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
      } else {
        throw new IllegalArgumentException("unknown option " + arg + " (see Options)");
      }
    }
    return new Options(docs, quick, only, sizes, List.copyOf(serverJvm));
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
