package org.plezi.jakarta.internal.connection;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.internal.base.Settings;
import org.plezi.jakarta.internal.bus.LocalBus;
import org.plezi.jakarta.internal.bus.LocalIdentityStore;
import org.plezi.jakarta.internal.delivery.Messaging;
import org.plezi.jakarta.internal.hooks.ControllerHooks;
import org.plezi.jakarta.internal.metrics.RouteMetrics;
import org.plezi.jakarta.internal.model.ControllerChecks;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * Connections over sessions without a network, for the micro-benchmarks (run by {@code
 * bench/run.sh}, see docs/BENCHMARKS.md): each send completes at once on the caller's thread and is
 * handed to a consumer. In the core's test sources, where the benchmarks may build connections and
 * messaging the way the runtime does.
 */
public final class BenchSessions {
  /** The server uuid of every benchmark connection. */
  public static final String SERVER = "00000000-0000-0000-0000-000000000000";

  /** The size of the bench's payload, in bytes (ASCII only, so also in chars). */
  private static final int PAYLOAD_SIZE = 250;

  private BenchSessions() {}

  /**
   * The bench's 250-byte message, {@code {"seq":S,"sent":T,"pad":"xxx..."}}, as {@code
   * org.plezi.bench.Payload} makes it for the load scenarios (repeated here: the core's tests
   * cannot see the bench module), so that the micro-benchmarks measure the same message.
   */
  public static String payload(long seq, long sentNanos) {
    StringBuilder json = new StringBuilder(PAYLOAD_SIZE);
    json.append("{\"seq\":")
        .append(seq)
        .append(",\"sent\":")
        .append(sentNanos)
        .append(",\"pad\":\"");
    json.append("x".repeat(PAYLOAD_SIZE - json.length() - 2));
    return json.append("\"}").toString();
  }

  /** A session whose text sends complete at once, handing the text to {@code sent}. */
  public static Session create(Consumer<String> sent) {
    Map<String, Object> properties = new HashMap<>();
    RemoteEndpoint.Async remote =
        (RemoteEndpoint.Async)
            Proxy.newProxyInstance(
                BenchSessions.class.getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("sendText") && args.length == 2) {
                    sent.accept((String) args[0]);
                    ((SendHandler) args[1]).onResult(new SendResult());
                  }
                  return null;
                });
    return (Session)
        Proxy.newProxyInstance(
            BenchSessions.class.getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAsyncRemote" -> remote;
                  case "getUserProperties" -> properties;
                  case "isOpen" -> true;
                  case "getId" -> "bench";
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  case "toString" -> "BenchSession";
                  default -> null;
                });
  }

  public static ControllerModel model(Class<? extends Controller> type) {
    List<String> problems = new ArrayList<>();
    ControllerModel model = ControllerChecks.of(type, "/bench", problems);
    if (model == null) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return model;
  }

  /** One identity store for every benchmark connection (none registers an identity). */
  /** Unicast timeouts of the benchmarks' messaging (a daemon thread). */
  private static final java.util.concurrent.ScheduledExecutorService TIMERS =
      org.plezi.jakarta.internal.base.Threads.scheduler("bench-timers", null);

  private static final Identities IDENTITIES =
      new Identities(SERVER, new LocalIdentityStore(1), new ConnectionRegistry());

  /** A connection whose events run on the calling thread. */
  public static Connection connect(ControllerModel model, String localId, Consumer<String> sent)
      throws ReflectiveOperationException {
    Executor inline = Runnable::run;
    return connect(model, localId, sent, inline);
  }

  /** The route counts of connections made here, metrics on as in production (issue 19). */
  public static final RouteMetrics METRICS = RouteMetrics.standalone("/bench", true);

  /** A connection whose events run on {@code events}. */
  public static Connection connect(
      ControllerModel model, String localId, Consumer<String> sent, Executor events)
      throws ReflectiveOperationException {
    return connect(model, localId, sent, events, METRICS);
  }

  /**
   * As above, counting into {@code metrics} ({@code RouteMetrics.standalone(route, false)}: off).
   */
  public static Connection connect(
      ControllerModel model,
      String localId,
      Consumer<String> sent,
      Executor events,
      RouteMetrics metrics)
      throws ReflectiveOperationException {
    Controller controller = model.instantiate();
    Connection connection =
        new Connection(
            SERVER,
            localId,
            controller,
            model,
            metrics,
            create(sent),
            Settings.defaults(),
            events,
            events,
            IDENTITIES,
            null);
    ControllerHooks.get().bindConnection(controller, connection);
    return connection;
  }

  /** Messaging over the in-process bus, started, with its events on {@code events}. */
  public static Messaging messaging(ConnectionRegistry registry, Executor events) {
    Messaging messaging = new Messaging(SERVER, registry);
    messaging.start(
        new LocalBus(),
        new Identities(SERVER, IDENTITIES.store(), registry),
        events,
        10_000,
        TIMERS);
    return messaging;
  }
}
