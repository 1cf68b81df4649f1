package org.plezi.jakarta.internal;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** A websocket session without a network: each send completes at once and is handed to a sink. */
final class FakeSession {
  private FakeSession() {}

  /** A session whose text sends go to {@code sent}. */
  static Session create(Consumer<String> sent) {
    Map<String, Object> properties = new HashMap<>();
    Session[] self = new Session[1];
    RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
        FakeSession.class.getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class},
        (proxy, method, args) -> {
          if (method.getName().equals("sendText") && args.length == 2) {
            sent.accept((String) args[0]);
            ((SendHandler) args[1]).onResult(new SendResult());
          }
          return null;
        });
    self[0] = (Session) Proxy.newProxyInstance(FakeSession.class.getClassLoader(),
        new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getAsyncRemote" -> remote;
          case "getUserProperties" -> properties;
          case "isOpen" -> true;
          case "getId" -> "fake";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "FakeSession";
          default -> null;
        });
    return self[0];
  }

  /** A connection of the given controller class over a fake session. */
  static Connection connect(Class<? extends org.plezi.jakarta.Controller> type,
      Consumer<String> sent) throws ReflectiveOperationException {
    java.util.List<String> problems = new java.util.ArrayList<>();
    ControllerModel model = ControllerModel.of(type, "/fake", problems);
    if (model == null) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    org.plezi.jakarta.Controller controller = model.instantiate();
    Connection connection = new Connection("00000000-0000-0000-0000-000000000000", "1",
        controller, model, create(sent), Settings.defaults(), Runnable::run, Runnable::run,
        new LocalIdentityStore(1));
    ControllerHooks.get().bindConnection(controller, connection);
    return connection;
  }
}
