package org.plezi.jakarta.cluster;

import java.io.IOException;
import java.util.Map;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.testing.TestServer;

/**
 * One cluster member in a JVM of its own: {@code ClusterNode <redis-url> <channel>} prints {@code
 * READY <port> <server-uuid>} once it serves, and stops when its standard input closes.
 */
public final class ClusterNode {
  private ClusterNode() {}

  public static void main(String[] args) throws IOException {
    try (TestServer server = TestServer.start(
        Map.of("plezi.redis.url", args[0], "plezi.channel", args[1]),
        ClusterChat.class, ClusterOther.class)) {
      System.out.println("READY " + server.port() + " " + Plezi.serverUuid(server.servletContext()));
      System.out.flush();
      while (System.in.read() != -1) {
        // wait for the parent to close our stdin
      }
    }
  }
}
