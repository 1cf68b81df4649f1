package org.plezi.bench.run;

import java.util.List;

/** Shared bits of the scenarios. */
final class Bench {
  private static final System.Logger LOG = System.getLogger("org.plezi.bench");

  /**
   * Loopback addresses the client connects from, in turn: each has its own ephemeral port range, so
   * 2 x 10,000 connections (and the TIME_WAIT of earlier runs) never run out of ports.
   */
  static final List<String> LOCAL_ADDRESSES =
      List.of(
          "127.0.0.2",
          "127.0.0.3",
          "127.0.0.4",
          "127.0.0.5",
          "127.0.0.6",
          "127.0.0.7",
          "127.0.0.8",
          "127.0.0.9");

  private Bench() {}

  static void log(String message) {
    LOG.log(System.Logger.Level.INFO, message);
  }

  /** Fails when messages reached connections while no run was going on. */
  static void checkStray(RunHandler... handlers) throws FanoutRun.LossException {
    for (RunHandler h : handlers) {
      if (h.stray() > 0) {
        throw new FanoutRun.LossException(h.stray() + " messages arrived outside any run");
      }
    }
  }

  static String describe(RunResult r) {
    return String.format(
        "%s %-5s x%-6d %-4s %6d broadcasts: %,10.0f deliveries/s, "
            + "server CPU %.2f us/delivery, p50 %,d us, p99 %,d us, max %,d us",
        r.scenario(),
        r.side(),
        r.connections(),
        r.mode(),
        r.broadcasts(),
        r.perSecond(),
        r.cpuMicrosPerDelivery(),
        r.p50Micros(),
        r.p99Micros(),
        r.maxMicros());
  }
}
