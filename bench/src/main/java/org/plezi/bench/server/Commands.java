package org.plezi.bench.server;

import java.io.PrintStream;
import java.util.function.Consumer;
import org.plezi.jakarta.Messenger;

/**
 * The server's control protocol, one line per command; each command but {@code ACK} gets one answer
 * line, {@code OK ...} or {@code ERR reason}:
 *
 * <ul>
 *   <li>{@code COUNT plezi|raw|chevent|chraw|presence|ws|rawws}: open connections of that side.
 *   <li>{@code RUN plezi|raw|chevent|chraw COUNT WINDOW RATE}: broadcasts (see {@link
 *       Broadcaster}): a class broadcast to {@link FanController}, the baseline's, or a publish to
 *       the channel of {@link ChannelEventController} or {@link ChannelRawController}; answers
 *       {@code OK firstSendNanos lastSendNanos} once all are sent. Runs on its own thread so that
 *       the {@code ACK}s keep coming in meanwhile.
 *   <li>{@code ACK N}: the clients have all of the run's first N broadcasts.
 *   <li>{@code PRESENCE N READS}: once {@link PresenceController}'s channel lists N members, times
 *       READS reads of it (see {@link PresenceRead}); answers {@code OK members medianNanos
 *       p99Nanos minNanos}.
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
        case "COUNT" -> out.println("OK " + count(words[1]));
        case "RUN" ->
            run(
                sender(words[1]),
                Long.parseLong(words[2]),
                Integer.parseInt(words[3]),
                Double.parseDouble(words[4]));
        case "PRESENCE" -> presence(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
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

  private int count(String side) {
    return switch (side) {
      case "plezi" -> FanController.open();
      case "raw" -> hub.size();
      case "chevent" -> ChannelEventController.open();
      case "chraw" -> ChannelRawController.open();
      case "presence" -> PresenceController.open();
      case "ws" -> ShootoutController.open();
      case "rawws" -> RawShootoutEndpoint.open();
      default -> throw new IllegalArgumentException("no side " + side);
    };
  }

  /** How a run of that side sends one broadcast. */
  private Consumer<String> sender(String side) {
    return switch (side) {
      case "plezi" -> payload -> messenger.broadcast(FanController.class, "fan", payload);
      case "raw" ->
          rawCluster == null
              ? hub::broadcast
              : payload -> {
                hub.broadcast(payload);
                rawCluster.publish(payload);
              };
      case "chevent" ->
          payload -> messenger.publish(ChannelEventController.CHANNEL, "fan", payload);
      case "chraw" -> payload -> messenger.publishRaw(ChannelRawController.CHANNEL, payload);
      default ->
          throw new IllegalArgumentException("side is plezi, raw, chevent or chraw, not " + side);
    };
  }

  private void presence(int members, int reads) {
    try {
      PresenceRead.Times t =
          PresenceRead.run(messenger, PresenceController.CHANNEL, members, reads);
      out.println(
          "OK " + t.members() + " " + t.medianNanos() + " " + t.p99Nanos() + " " + t.minNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.println("ERR interrupted");
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      out.println("ERR " + e);
    }
  }

  private void run(Consumer<String> send, long count, int window, double rate) {
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
