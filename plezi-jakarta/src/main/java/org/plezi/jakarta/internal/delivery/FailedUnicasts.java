package org.plezi.jakarta.internal.delivery;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.Executor;
import org.plezi.jakarta.internal.event.ControllerMethods;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * Runs a controller class's {@link org.plezi.jakarta.FailedUnicast} callback when one of its
 * unicasts could not be delivered: on the events pool, never on the thread that learned of the
 * failure (a bus thread, or the sender's own callback under its connection's lock).
 */
final class FailedUnicasts {
  private static final System.Logger LOG = System.getLogger("org.plezi.jakarta");

  private FailedUnicasts() {}

  /** Runs the callback of {@code sender}'s class, if it has one; logs what it throws. */
  static void report(
      Executor events, ControllerModel sender, String uuid, String event, List<Object> args) {
    Method callback = sender == null ? null : sender.failedUnicast();
    if (callback == null) {
      LOG.log(Level.DEBUG, () -> "unicast " + event + " to " + uuid + " failed: target gone");
      return;
    }
    events.execute(
        () -> {
          try {
            callback.invoke(null, uuid, event, args);
          } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.log(
                Level.ERROR,
                ControllerMethods.describe(callback.getDeclaringClass(), callback) + " threw",
                cause);
          }
        });
  }
}
