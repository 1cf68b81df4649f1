package org.plezi.bench.run;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletContext;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.startup.Tomcat;
import org.plezi.bench.server.MailController;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.Plezi;

/**
 * What client confirmation costs a mailbox (issue 18): one server (in-process embedded Tomcat, the
 * in-memory store, or Redis with {@code --redis redis://...}), one client registered as an
 * identity, and {@code count} messages notified as fast as {@code notify} returns; the time runs
 * from the first notify to the last message the client handled. {@code server}: confirmed when the
 * event method ran (the client only reads); {@code client}: the client confirms as the JavaScript
 * client does, one {@code _mack_} per 32 messages and one at the end. Runs alternate server,
 * client, client, server after a warm-up of each; prints messages per second.
 *
 * <pre>java -cp bench.jar org.plezi.bench.run.MailboxAckBench [count] [--redis url]</pre>
 */
public final class MailboxAckBench {
  private MailboxAckBench() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 20_000;
    String redis = null;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--redis")) {
        redis = args[i + 1];
      }
    }
    List<String> lines = new ArrayList<>();
    for (String mode : List.of("server", "client")) {
      Tomcat tomcat = start(mode, redis);
      try {
        int port = tomcat.getConnector().getLocalPort();
        ServletContext context = BenchWebapp.contextOf(tomcat);
        Messenger messenger = Plezi.messenger(context);
        run(port, messenger, mode, "warm-" + mode, count / 2);
        double best = 0;
        for (int i = 0; i < 2; i++) {
          best = Math.max(best, run(port, messenger, mode, mode + "-" + i, count));
        }
        lines.add(
            String.format("%-6s confirmation: %,.0f mailbox messages/s (best of 2)", mode, best));
      } finally {
        tomcat.stop();
        tomcat.destroy();
      }
    }
    Bench.log(
        "mailbox throughput, "
            + count
            + " messages, one client, "
            + (redis == null ? "in-memory store" : "Redis store"));
    lines.forEach(Bench::log);
  }

  private static Tomcat start(String mode, String redis) throws Exception {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("plezi.mailbox.confirmation", mode);
    parameters.put("plezi.mailbox.maxMessages", "1000000");
    parameters.put("plezi.inbox.maxMessages", "10000000");
    parameters.put("plezi.outbound.maxBytes", "268435456");
    if (redis != null) {
      parameters.put("plezi.redis.url", redis);
      parameters.put("plezi.channel", "bench_mail_" + mode);
    }
    return BenchWebapp.start("mail", parameters, MailController.class);
  }

  private static Session connect(
      int port, String name, boolean confirm, CountDownLatch in, CountDownLatch all)
      throws Exception {
    WebSocketContainer container = ContainerProvider.getWebSocketContainer();
    container.setDefaultMaxTextMessageBufferSize(1 << 16);
    Endpoint endpoint =
        new Endpoint() {
          int sinceConfirm;

          @Override
          public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(
                String.class,
                (MessageHandler.Whole<String>)
                    text -> {
                      JsonObject message = Json.createReader(new StringReader(text)).readObject();
                      if (message.getString("event").equals("in")) {
                        in.countDown();
                        return;
                      }
                      all.countDown(); // the "handler"
                      JsonValue tag = message.get("_mail_");
                      if (confirm && tag != null) {
                        sinceConfirm++;
                        if (sinceConfirm >= 32 || all.getCount() == 0) {
                          sinceConfirm = 0;
                          long seq = ((JsonNumber) tag.asJsonObject().get("seq")).longValue();
                          session
                              .getAsyncRemote()
                              .sendText(
                                  "{\"event\":\"_mack_\",\"m\":[[\"" + name + "\"," + seq + "]]}");
                        }
                      }
                    });
          }
        };
    return container.connectToServer(
        endpoint,
        ClientEndpointConfig.Builder.create().build(),
        URI.create("ws://127.0.0.1:" + port + "/mail/" + name));
  }

  /** One run; returns messages per second. */
  private static double run(int port, Messenger messenger, String mode, String name, int count)
      throws Exception {
    boolean confirm = mode.equals("client");
    CountDownLatch all = new CountDownLatch(count);
    // The Redis bus joins in the background: registerAs fails (1011) until it has; try again.
    Session session = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (session == null) {
      CountDownLatch in = new CountDownLatch(1);
      Session attempt = connect(port, name, confirm, in, all);
      if (in.await(2, TimeUnit.SECONDS)) {
        session = attempt;
      } else {
        attempt.close();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no login answer within 60 s");
        }
      }
    }
    try {
      long started = System.nanoTime();
      for (long n = 1; n <= count; n++) {
        messenger.notify(name, "mail", n);
      }
      if (!all.await(300, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            name + ": " + all.getCount() + " of " + count + " messages never arrived");
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      return count / seconds;
    } finally {
      session.close();
    }
  }
}
