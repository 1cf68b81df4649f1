package org.plezi.bench.run;

import jakarta.servlet.ServletContext;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.startup.Tomcat;
import org.plezi.bench.server.HistoryController;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.Plezi;

/**
 * What channel history costs a publish in a cluster (issue 18): one server (in-process embedded
 * Tomcat) on the Redis bus of {@code --redis url} (default {@code redis://127.0.0.1:6379}), one
 * client subscribed to {@code room:1}, and {@code count} publications made as fast as {@code
 * publish} returns; the time runs from the first publish to the last publication the client got.
 * {@code off}: no history ({@code publish} hands the message to the local subscribers and queues
 * the Redis PUBLISH); {@code on}: {@code plezi.channels.historySize=100}, each publication kept in
 * the channel's Redis stream by one script call before it is delivered, one at a time per channel
 * and server. Runs off, on, on, off after a warm-up of each; prints publications per second.
 *
 * <pre>java -cp bench.jar org.plezi.bench.run.HistoryPublishBench [count] [--redis url]</pre>
 */
public final class HistoryPublishBench {
  private HistoryPublishBench() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 20_000;
    String redis = "redis://127.0.0.1:6379";
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--redis")) {
        redis = args[i + 1];
      }
    }
    List<String> lines = new ArrayList<>();
    for (String mode : List.of("off", "on", "on", "off")) {
      Tomcat tomcat = start(mode, redis);
      try {
        int port = tomcat.getConnector().getLocalPort();
        ServletContext context = BenchWebapp.contextOf(tomcat);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Plezi.health(context).ready()) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the Redis bus was not joined within 60 s");
          }
          java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // polling the bus state
        }
        Messenger messenger = Plezi.messenger(context);
        run(port, messenger, count / 2);
        double rate = run(port, messenger, count);
        lines.add(String.format("history %-3s: %,.0f publications/s", mode, rate));
      } finally {
        tomcat.stop();
        tomcat.destroy();
      }
    }
    Bench.log(
        "channel publish throughput on the Redis bus, "
            + count
            + " publications, one channel, one subscriber");
    lines.forEach(Bench::log);
  }

  private static Tomcat start(String mode, String redis) throws Exception {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("plezi.redis.url", redis);
    // A channel of its own per run: a run starts a new history rather than reading the last one.
    parameters.put("plezi.channel", "bench_history_" + mode + "_" + System.nanoTime());
    parameters.put("plezi.channels.historySize", mode.equals("on") ? "100" : "0");
    parameters.put("plezi.inbox.maxMessages", "10000000");
    parameters.put("plezi.outbound.maxBytes", "268435456");
    return BenchWebapp.start("history", parameters, HistoryController.class);
  }

  private static Session connect(int port, CountDownLatch in, CountDownLatch all) throws Exception {
    WebSocketContainer container = ContainerProvider.getWebSocketContainer();
    Endpoint endpoint =
        new Endpoint() {
          @Override
          public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(
                String.class,
                (MessageHandler.Whole<String>)
                    text -> {
                      if (text.equals("{\"event\":\"in\"}")) {
                        in.countDown();
                      } else {
                        all.countDown();
                      }
                    });
          }
        };
    return container.connectToServer(
        endpoint,
        ClientEndpointConfig.Builder.create().build(),
        URI.create("ws://127.0.0.1:" + port + "/history"));
  }

  /** One run; returns publications per second. */
  private static double run(int port, Messenger messenger, int count) throws Exception {
    CountDownLatch in = new CountDownLatch(1);
    CountDownLatch all = new CountDownLatch(count);
    Session session = connect(port, in, all);
    try {
      if (!in.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the client was not subscribed within 10 s");
      }
      long started = System.nanoTime();
      for (long n = 1; n <= count; n++) {
        messenger.publish("room:1", "said", n);
      }
      if (!all.await(300, TimeUnit.SECONDS)) {
        throw new IllegalStateException(all.getCount() + " of " + count + " never arrived");
      }
      return count / ((System.nanoTime() - started) / 1e9);
    } finally {
      session.close();
    }
  }
}
