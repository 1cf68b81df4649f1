package org.plezi.jakarta.internal.hooks;

import jakarta.servlet.ServletContext;
import java.util.List;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.PleziHealth;
import org.plezi.jakarta.PleziMetrics;

/**
 * The public facade's door into the runtime: {@link org.plezi.jakarta.Plezi} reaches a deployment's
 * runtime through this class, so that the public package depends on this package only. Its single
 * implementation is {@code PleziRuntime.Door}, which {@code PleziRuntime}'s static initializer
 * installs; {@link #get()} initializes that class by name when nothing else has yet (an embedded
 * container that calls {@code Plezi.register} without the library's initializer).
 */
public abstract class RuntimeHooks {
  /** The class whose static initializer installs the implementation. */
  public static final String RUNTIME_CLASS = "org.plezi.jakarta.internal.runtime.PleziRuntime";

  private static volatile RuntimeHooks instance;

  /**
   * Called once by {@code PleziRuntime}'s static initializer.
   *
   * @throws IllegalStateException on any later call
   */
  public static synchronized void install(RuntimeHooks hooks) {
    if (instance != null) {
      throw new IllegalStateException("runtime hooks are already installed");
    }
    instance = hooks;
  }

  /** The installed hooks; initializes the runtime's class first if nothing has yet. */
  public static RuntimeHooks get() {
    RuntimeHooks hooks = instance;
    if (hooks == null) {
      try {
        Class.forName(RUNTIME_CLASS, true, RuntimeHooks.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      hooks = instance;
    }
    return hooks;
  }

  /** See {@link org.plezi.jakarta.Plezi#register}. */
  public abstract void register(ServletContext context, List<Class<? extends Controller>> classes);

  /** See {@link org.plezi.jakarta.Plezi#messenger}. */
  public abstract Messenger messenger(ServletContext context);

  /** See {@link org.plezi.jakarta.Plezi#serverUuid}. */
  public abstract String serverUuid(ServletContext context);

  /** See {@link org.plezi.jakarta.Plezi#metrics}. */
  public abstract PleziMetrics metrics(ServletContext context);

  /** See {@link org.plezi.jakarta.Plezi#health}. */
  public abstract PleziHealth health(ServletContext context);
}
