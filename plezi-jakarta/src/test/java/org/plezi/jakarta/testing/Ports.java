package org.plezi.jakarta.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for servers that a test starts itself (redis-server, Payara, a Tomcat it restarts on
 * the same port).
 *
 * <p>Why not {@code new ServerSocket(0)}: that port comes from the kernel's ephemeral range, the
 * one it also picks the source ports of outgoing connections from. Between the check and the
 * server's bind (or while a server is down to be restarted) any client of the machine may take it
 * for a connection; and a client connecting to such a port while nothing listens there (a readiness
 * poll, Redisson or a browser reconnecting) may get a TCP self-connection whose source port is that
 * very port, which holds it: the server then fails with "Address already in use". A port below the
 * ephemeral range is never handed out that way.
 */
public final class Ports {
  private static final int LOWEST = 1024;

  /** How wide the band below the ephemeral range is that ports are drawn from. */
  private static final int BAND = 12_000;

  /**
   * Handed out by this JVM: never twice, so that ports taken one after the other (such as the four
   * of one WildFly) cannot be the same before any server has bound them.
   */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private Ports() {}

  /** A port nothing listens on now, below the ephemeral range; another one at each call. */
  public static int free() {
    int below = ephemeralRangeStart();
    int from = Math.max(LOWEST, below - BAND);
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = from + ThreadLocalRandom.current().nextInt(below - from);
      if (bindable(port) && HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new UncheckedIOException(
        new IOException("no free port found between " + from + " and " + below));
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /** The first port the kernel hands out for outgoing connections (Linux), else 32768. */
  static int ephemeralRangeStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
      int start = Integer.parseInt(range.split("\\s+")[0]);
      return start > LOWEST + 1024 ? start : 32768;
    } catch (IOException | RuntimeException e) {
      return 32768;
    }
  }
}
