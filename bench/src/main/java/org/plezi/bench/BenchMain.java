package org.plezi.bench;

/** The bench's entry point; see {@link org.plezi.bench.run.Runner} and docs/BENCHMARKS.md. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    // One line per record: the run's progress is read by people.
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %5$s%6$s%n");
    System.exit(org.plezi.bench.run.Runner.run(args));
  }
}
