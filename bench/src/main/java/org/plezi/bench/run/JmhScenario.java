package org.plezi.bench.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The micro-benchmarks, each in a forked JVM: dispatch, envelope codec, unicast routing. */
final class JmhScenario {
  /** One benchmark's score. */
  record Score(String benchmark, double score, double error, String unit) {}

  private final Options options;

  JmhScenario(Options options) {
    this.options = options;
  }

  List<Score> run() throws RunnerException {
    OptionsBuilder builder = new OptionsBuilder();
    // In the core's test sources, each beside the code it measures (the bench profile packs them).
    builder.include(
        "org\\.plezi\\.jakarta\\.internal\\.\\w+\\.(Dispatch|Envelope|Unicast|Fanout|FanoutMetrics|HistoryPublish)Benchmark\\.");
    // Forks would inherit this JVM's -Xms1g, larger than the benchmarks' own -Xmx.
    builder.jvmArgs("-Xms128m");
    builder.verbosity(VerboseMode.SILENT);
    if (options.quick()) {
      builder
          .warmupIterations(1)
          .measurementIterations(2)
          .warmupTime(TimeValue.seconds(1))
          .measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results = new Runner(builder.build()).run();
    List<Score> scores = new ArrayList<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      Score score =
          new Score(
              name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
              result.getPrimaryResult().getScore(),
              result.getPrimaryResult().getScoreError(),
              result.getPrimaryResult().getScoreUnit());
      Bench.log(
          String.format(
              "jmh: %-40s %,10.1f +- %,.1f %s",
              score.benchmark(), score.score(), score.error(), score.unit()));
      scores.add(score);
    }
    return scores;
  }
}
