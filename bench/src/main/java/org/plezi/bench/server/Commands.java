package org.plezi.bench.server;

import java.io.PrintStream;
import java.util.function.Consumer;
import org.plezi.jakarta.Messenger;

/**
 * The server's control protocol, one line per command; each command but {@code ACK} gets one answer
 * line, {@code OK ...} or {@code ERR reason}:
 *
 * <ul>
 *   <li>{@code COUNT plezi|raw}: open connections of that side.
 *   <li>{@code RUN plezi|raw COUNT WINDOW RATE}: broadcasts (see {@link Broadcaster}); answers
 *       {@code OK firstSendNanos lastSendNanos} once all are sent. Runs on its own thread so that
 *       the {@code ACK}s keep coming in meanwhile.
 *   <li>{@code ACK N}: the clients have all of the run's first N broadcasts.
 *   <li>{@code HEAP}: used heap after full collections, in bytes.
 *   <li>{@code CPU}: CPU time this JVM has used, in nanoseconds.
 *   <li>{@code BUS}: {@code OK serverUuid rawPublished}: the library's server uuid (its bus
 *       subscribes to Redis on a channel of that name) and the baseline's publishes so far.
 * </ul>
 */
final class Commands implements AutoCloseable {
  private final PrintStream out;
  private final RawEndpoint.Hub hub;
  private final RawCluster rawCluster;
  private final Messenger messenger;
  private final String serverUuid;
  private final Broadcaster broadcaster = new Broadcaster();
  private Thread running;

  Commands(
      PrintStream out,
      RawEndpoint.Hub hub,
      RawCluster rawCluster,
      Messenger messenger,
      String serverUuid) {
    this.out = out;
    this.hub = hub;
    this.rawCluster = rawCluster;
    this.messenger = messenger;
    this.serverUuid = serverUuid;
  }

  void handle(String line) {
    String[] words = line.trim().split(" +");
    try {
      switch (words[0]) {
        case "ACK" -> broadcaster.ack(Long.parseLong(words[1]));
        case "COUNT" -> out.println("OK " + (side(words[1]) ? FanController.open() : hub.size()));
        case "RUN" ->
            run(
                side(words[1]),
                Long.parseLong(words[2]),
                Integer.parseInt(words[3]),
                Double.parseDouble(words[4]));
        case "HEAP" -> out.println("OK " + BenchServer.heapAfterGc());
        case "CPU" ->
            out.println(
                "OK "
                    + ((com.sun.management.OperatingSystemMXBean)
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime());
        case "BUS" ->
            out.println(
                "OK " + serverUuid + " " + (rawCluster == null ? 0 : rawCluster.published()));
        default -> out.println("ERR unknown command " + words[0]);
      }
    } catch (RuntimeException e) {
      out.println("ERR " + e);
    }
  }

  /** True for the library, false for the baseline. */
  private static boolean side(String name) {
    return switch (name) {
      case "plezi" -> true;
      case "raw" -> false;
      default -> throw new IllegalArgumentException("side is plezi or raw, not " + name);
    };
  }

  private void run(boolean plezi, long count, int window, double rate) {
    Consumer<String> send;
    if (plezi) {
      send = payload -> messenger.broadcast(FanController.class, "fan", payload);
    } else if (rawCluster == null) {
      send = hub::broadcast;
    } else {
      send =
          payload -> {
            hub.broadcast(payload);
            rawCluster.publish(payload);
          };
    }
    broadcaster.reset();
    running =
        new Thread(
            () -> {
              try {
                long[] times = broadcaster.run(send, count, window, rate);
                out.println("OK " + times[0] + " " + times[1]);
              } catch (InterruptedException e) {
                out.println("ERR interrupted");
              } catch (RuntimeException e) {
                out.println("ERR " + e.getMessage());
              }
            },
            "bench-broadcaster");
    running.start();
  }

  @Override
  public void close() {
    if (running != null) {
      running.interrupt();
    }
  }
}
