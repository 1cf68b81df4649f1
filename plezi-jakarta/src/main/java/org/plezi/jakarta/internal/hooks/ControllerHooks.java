package org.plezi.jakarta.internal.hooks;

import java.util.Map;
import org.plezi.jakarta.Controller;

/**
 * The runtime's door into a {@link Controller}'s protected callbacks and private state. Its single
 * implementation is {@code Controller.Hooks}, which {@code Controller}'s static initializer
 * installs, so that the callbacks stay protected in the public API. Every method is called by the
 * library only, on the thread the threading model names for that callback.
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

  /** The installed hooks; initializes {@code Controller} first if nothing has yet. */
  public static ControllerHooks get() {
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

  /** Binds the HTTP request while preConnect, index or show runs; null unbinds it. */
  public abstract void bindExchange(Controller c, HttpExchange exchange);

  /** Binds the websocket, once it is open. */
  public abstract void bindConnection(Controller c, ControllerConnection connection);

  /** Binds what the controller's class sends through; once, when the controller is made. */
  public abstract void bindMessaging(Controller c, ControllerMessaging messaging);

  public abstract void onBroadcast(Controller c, Object message);

  public abstract boolean preConnect(Controller c);

  public abstract void onOpen(Controller c);

  public abstract void onMessage(Controller c, String text);

  public abstract void onMessage(Controller c, byte[] data);

  public abstract void onShutdown(Controller c);

  public abstract void onClose(Controller c, int code, String reason);

  public abstract String unknown(Controller c, Map<String, Object> message);

  public abstract String index(Controller c);

  public abstract String show(Controller c, String id);

  /** The answer to a recovery of a channel with history (issue 18). */
  public abstract void onChannelRecovery(Controller c, String channel, boolean recovered);
}
