package org.plezi.jakarta.internal.json;

import java.util.List;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.internal.event.EventTable;
import org.plezi.jakarta.internal.event.TextDispatcher;

/**
 * Creates the JSON dispatcher of an {@link org.plezi.jakarta.AutoDispatch} controller. Mentions no
 * JSON type, so that the core loads and runs on a container without JSON-P as long as no controller
 * asks for auto-dispatch; the JSON classes are touched only after their API was found.
 */
public final class JsonSetup {
  static final String JSONP_HINT =
      "add jakarta.json:jakarta.json-api and an implementation such "
          + "as org.eclipse.parsson:parsson to WEB-INF/lib (full Jakarta EE servers provide them)";

  static final String JSONB_HINT =
      "add jakarta.json.bind:jakarta.json.bind-api and an "
          + "implementation such as org.eclipse:yasson to WEB-INF/lib (full Jakarta EE servers "
          + "provide them)";

  private JsonSetup() {}

  /**
   * The dispatcher for a controller class.
   *
   * @param problems receives what is missing or broken, naming the class or {@code Class#method}
   * @return the dispatcher, or null when a problem was added
   */
  public static TextDispatcher dispatcher(
      Class<? extends Controller> type, EventTable events, List<String> problems) {
    if (!present("jakarta.json.spi.JsonProvider")) {
      problems.add(
          type.getName()
              + ": @AutoDispatch needs the JSON-P API, which this "
              + "application does not have; "
              + JSONP_HINT);
      return null;
    }
    try {
      return JsonDispatcher.create(type, events, present("jakarta.json.bind.Jsonb"), problems);
    } catch (LinkageError e) {
      problems.add(
          type.getName()
              + ": @AutoDispatch cannot load its JSON support ("
              + e
              + "); "
              + JSONP_HINT);
      return null;
    }
  }

  /** Whether the core's class loader sees a class, without initializing it. */
  static boolean present(String className) {
    try {
      Class.forName(className, false, JsonSetup.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
