package org.plezi.bench.run;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.plezi.bench.FanoutTracker;
import org.plezi.bench.client.ConnectionGroup;

/** One run of broadcasts from a server to a group of client connections, checked for loss. */
final class FanoutRun {
  /** Thrown when any message was lost, duplicated or reordered: the bench fails loudly. */
  static final class LossException extends IOException {
    private static final long serialVersionUID = 1L;

    LossException(String message) {
      super(message);
    }
  }

  private FanoutRun() {}

  /**
   * Runs {@code count} broadcasts from {@code sender} and waits until every connection of {@code
   * group} has them all.
   *
   * @param rate broadcasts per second, 0 for flat out within {@code window}
   * @throws LossException if anything was lost, duplicated, reordered or closed
   */
  static RunResult run(
      String scenario,
      ServerProcess sender,
      ConnectionGroup group,
      RunHandler handler,
      String side,
      long count,
      int window,
      double rate)
      throws IOException {
    return run(scenario, sender, sender, group, handler, side, count, window, rate);
  }

  /** As above, with the clients on {@code receiver} (another server of a cluster). */
  static RunResult run(
      String scenario,
      ServerProcess sender,
      ServerProcess receiver,
      ConnectionGroup group,
      RunHandler handler,
      String side,
      long count,
      int window,
      double rate)
      throws IOException {
    long cpuBefore = cpu(receiver);
    CompletableFuture<Void> done = new CompletableFuture<>();
    FanoutTracker tracker =
        new FanoutTracker(
            group.size(),
            completed -> {
              sender.send("ACK " + completed);
              if (completed == count) {
                done.complete(null);
              }
            });
    handler.start(tracker);
    long firstSend;
    try {
      String[] times =
          sender.call(
              "RUN " + side + " " + count + " " + window + " " + rate, Duration.ofMinutes(5));
      firstSend = Long.parseLong(times[0]);
      done.get(60, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException | IOException e) {
      throw loss(scenario, side, group, tracker, count, "not complete: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } finally {
      handler.stop();
    }
    long expected = count * group.size();
    if (tracker.errors() > 0
        || tracker.deliveries() != expected
        || tracker.connectionsShort(count) > 0
        || !group.unexpectedCloses().isEmpty()) {
      throw loss(scenario, side, group, tracker, count, "inconsistent counts");
    }
    double seconds = (tracker.lastReceiptNanos() - firstSend) / 1e9;
    double cpuMicros = (cpu(receiver) - cpuBefore) / 1e3;
    return new RunResult(
        scenario,
        side,
        group.size(),
        rate > 0 ? "rate" : "flat",
        count,
        expected,
        seconds,
        expected / seconds,
        tracker.latency().percentileMicros(50),
        tracker.latency().percentileMicros(99),
        tracker.latency().maxMicros(),
        cpuMicros / expected);
  }

  private static long cpu(ServerProcess server) throws IOException {
    return Long.parseLong(server.call("CPU", Duration.ofSeconds(10))[0]);
  }

  private static LossException loss(
      String scenario,
      String side,
      ConnectionGroup group,
      FanoutTracker tracker,
      long count,
      String what) {
    return new LossException(
        scenario
            + " "
            + side
            + " x"
            + group.size()
            + ": "
            + what
            + "; delivered "
            + tracker.deliveries()
            + " of "
            + count * group.size()
            + ", broadcasts complete "
            + tracker.completed()
            + "/"
            + count
            + ", connections short "
            + tracker.connectionsShort(count)
            + ", errors "
            + tracker.errors()
            + " "
            + tracker.problems()
            + ", closed by the server "
            + group.unexpectedCloses());
  }
}
