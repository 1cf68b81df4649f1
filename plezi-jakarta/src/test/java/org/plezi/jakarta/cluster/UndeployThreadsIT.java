package org.plezi.jakarta.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.testing.RedisServer;
import org.plezi.jakarta.testing.TestServer;
import org.plezi.jakarta.testing.WsClient;

/**
 * No thread outlives an undeploy with Redis: Plezi's own, Redisson's and Netty's (its global
 * executor included) have ended when the context is destroyed, and a Messenger unicast that timed
 * out started no JDK-wide timer thread.
 */
@Timeout(120)
class UndeployThreadsIT {
  private static Set<Thread> alive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .collect(Collectors.toSet());
  }

  /** A plain RESP client subscribed to {@code channel}, which never answers anything. */
  private static Socket subscribe(RedisServer redis, String channel) throws Exception {
    Socket socket = new Socket("127.0.0.1", redis.port());
    socket.setSoTimeout(10_000);
    byte[] name = channel.getBytes(StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("*2\r\n$9\r\nSUBSCRIBE\r\n$" + name.length + "\r\n" + channel + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
    InputStream in = socket.getInputStream();
    int newlines = 0;
    while (newlines < 6) { // *3, $9, subscribe, $n, channel, :1
      int b = in.read();
      assertThat(b).isNotEqualTo(-1);
      if (b == '\n') {
        newlines++;
      }
    }
    return socket;
  }

  @Test
  void afterUndeployNoThreadOfPleziRedissonOrNettyIsLeft() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      Set<Thread> before = alive();
      TestServer server =
          TestServer.start(
              Map.of(
                  "plezi.redis.url",
                  redis.url(),
                  "plezi.channel",
                  "plezi_undeploy_threads_it",
                  "plezi.unicast.timeoutMillis",
                  "200"),
              ClusterChat.class);
      try (WsClient ada = WsClient.connect(server.ws("/chat"))) {
        RedisClusterIT.awaitConnected(server);
        ada.nextText();
        ada.send("login:ada");
        ada.expectText("logged in as ada");
        Messenger messenger = Plezi.messenger(server.servletContext());
        messenger.multicast("say", "hello");
        ada.expectText("say hello");
        // A server that subscribed its channel and never answers: the unicast times out.
        String silent = "00000000-0000-0000-0000-000000000000";
        try (Socket quiet = subscribe(redis, silent)) {
          var answer = messenger.unicast(silent + "1", "say", "anyone?").toCompletableFuture();
          assertThat(answer)
              .failsWithin(30, TimeUnit.SECONDS)
              .withThrowableThat()
              .withCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        }
      } finally {
        server.close();
      }
      Set<String> left =
          alive().stream()
              .filter(thread -> !before.contains(thread))
              .map(Thread::getName)
              .filter(
                  name ->
                      name.startsWith("plezi-")
                          || name.startsWith("redisson")
                          || name.contains("globalEventExecutor")
                          || name.contains("CompletableFutureDelayScheduler")
                          || name.contains("ObjectCleaner"))
              .collect(Collectors.toSet());
      assertThat(left).as("threads started by the deployment and still alive").isEmpty();
    }
  }
}
