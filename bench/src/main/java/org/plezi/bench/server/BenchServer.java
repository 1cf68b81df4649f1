package org.plezi.bench.server;

import jakarta.servlet.ServletContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.plezi.jakarta.Plezi;

/**
 * One server under load, in a JVM of its own: embedded Tomcat 10.1 on 127.0.0.1 and a random port,
 * with the library's {@link FanController} at {@code /plezi} and the baseline {@link RawEndpoint}
 * at {@code /raw} in the same context. Driven line by line on standard input by the bench's main
 * JVM (see {@link Commands}); answers on standard output with {@code OK ...} or {@code ERR ...}.
 *
 * <p>Arguments: {@code [redis-url]}. With a Redis URL the library joins the cluster (channel {@code
 * bench_plezi}) and the baseline publishes and subscribes on {@code bench_raw}.
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    // Standard output is the control channel: everything else goes to standard error.
    PrintStream control =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    String redisUrl = args.length > 0 ? args[0] : null;
    RawEndpoint.Hub hub = new RawEndpoint.Hub();
    RawCluster rawCluster = redisUrl == null ? null : new RawCluster(redisUrl, hub);
    BenchTomcat tomcat = BenchTomcat.start(redisUrl, hub);
    ServletContext servletContext = tomcat.servletContext();
    Commands commands =
        new Commands(
            control,
            hub,
            rawCluster,
            Plezi.messenger(servletContext),
            Plezi.serverUuid(servletContext));
    control.println("READY " + tomcat.port() + " " + ManagementFactory.getRuntimeMXBean().getPid());
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      for (String line; (line = in.readLine()) != null && !line.equals("QUIT"); ) {
        commands.handle(line);
      }
    } finally {
      commands.close();
      tomcat.close();
      if (rawCluster != null) {
        rawCluster.close();
      }
    }
    control.println("BYE");
  }

  /** Used heap after several full collections (finalizable and weak objects need more than one). */
  static long heapAfterGc() {
    java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
