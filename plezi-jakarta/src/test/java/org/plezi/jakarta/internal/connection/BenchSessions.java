package org.plezi.jakarta.internal.connection;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.internal.base.Settings;
import org.plezi.jakarta.internal.bus.IdentityStore;
import org.plezi.jakarta.internal.bus.LocalBus;
import org.plezi.jakarta.internal.bus.LocalIdentityStore;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;
import org.plezi.jakarta.internal.delivery.Identities;
import org.plezi.jakarta.internal.delivery.Messaging;
import org.plezi.jakarta.internal.hooks.ControllerHooks;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * Connections over sessions without a network, for the micro-benchmarks: each send completes at
 * once on the caller's thread and is handed to a consumer. Lives in the core's package because
 * connections are built through package-private constructors.
 */
final class BenchSessions {
  /** The server uuid of every benchmark connection. */
  static final String SERVER = "00000000-0000-0000-0000-000000000000";

  private BenchSessions() {}

  static Session create(Consumer<String> sent) {
    Map<String, Object> properties = new HashMap<>();
    RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
        BenchSessions.class.getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class},
        (proxy, method, args) -> {
          if (method.getName().equals("sendText") && args.length == 2) {
            sent.accept((String) args[0]);
            ((SendHandler) args[1]).onResult(new SendResult());
          }
          return null;
        });
    return (Session) Proxy.newProxyInstance(BenchSessions.class.getClassLoader(),
        new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
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

  static ControllerModel model(Class<? extends Controller> type) {
    List<String> problems = new java.util.ArrayList<>();
    ControllerModel model = ControllerModel.of(type, "/bench", problems);
    if (model == null) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return model;
  }

  /** One identity store for every benchmark connection (none registers an identity). */
  static final IdentityStore IDENTITIES = new LocalIdentityStore(1);

  /** A connection whose events run on the calling thread. */
  static Connection connect(ControllerModel model, String localId, Consumer<String> sent)
      throws ReflectiveOperationException {
    Executor inline = Runnable::run;
    return connect(model, localId, sent, inline);
  }

  /** A connection whose events run on {@code events}. */
  static Connection connect(ControllerModel model, String localId, Consumer<String> sent,
      Executor events) throws ReflectiveOperationException {
    Controller controller = model.instantiate();
    Connection connection = new Connection(SERVER, localId, controller, model, create(sent),
        Settings.defaults(), events, events, IDENTITIES);
    ControllerHooks.get().bindConnection(controller, connection);
    return connection;
  }

  /** Messaging over the in-process bus, started, with its events on {@code events}. */
  static Messaging messaging(ConnectionRegistry registry, Executor events) {
    Messaging messaging = new Messaging(SERVER, registry);
    Identities identities = new Identities(SERVER, IDENTITIES, registry, messaging, events);
    messaging.start(new Messaging.Wiring(new LocalBus(), identities, events, 10_000));
    return messaging;
  }
}
