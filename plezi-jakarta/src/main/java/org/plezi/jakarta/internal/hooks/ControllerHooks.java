package org.plezi.jakarta.internal.hooks;

import org.plezi.jakarta.Controller;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.delivery.Messaging;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * The runtime's door into a {@link Controller}'s protected callbacks and private state. {@code
 * Controller} installs the single implementation when its class initializes, so the callbacks stay
 * protected in the public API.
 */
public abstract class ControllerHooks {
  private static volatile ControllerHooks instance;

  /**
   * Called once by {@code Controller}'s static initializer.
   *
   * @throws IllegalStateException on any later call
   */
  public static synchronized void install(ControllerHooks hooks) {
    if (instance != null) {
      throw new IllegalStateException("controller hooks are already installed");
    }
    instance = hooks;
  }

  static ControllerHooks get() {
    ControllerHooks hooks = instance;
    if (hooks == null) {
      try {
        Class.forName(Controller.class.getName(), true, Controller.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      hooks = instance;
    }
    return hooks;
  }

  protected abstract void bindExchange(Controller c, HttpExchange exchange);

  protected abstract void bindConnection(Controller c, Connection connection);

  protected abstract void bindRuntime(Controller c, Messaging messaging, ControllerModel model);

  protected abstract void onBroadcast(Controller c, Object message);

  protected abstract boolean preConnect(Controller c);

  protected abstract void onOpen(Controller c);

  protected abstract void onMessage(Controller c, String text);

  protected abstract void onMessage(Controller c, byte[] data);

  protected abstract void onShutdown(Controller c);

  protected abstract void onClose(Controller c, int code, String reason);

  protected abstract String unknown(Controller c, java.util.Map<String, Object> message);

  protected abstract String index(Controller c);

  protected abstract String show(Controller c, String id);
}
