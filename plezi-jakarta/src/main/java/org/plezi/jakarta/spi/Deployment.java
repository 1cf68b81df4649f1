package org.plezi.jakarta.spi;

import jakarta.servlet.ServletContext;
import java.util.List;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Messenger;

/**
 * A read-only view of one application's Plezi deployment, as an {@link IntegrationProvider} sees
 * it. Thread-safe; every list is immutable and in a stable order.
 */
public interface Deployment {
  /** The application. */
  ServletContext servletContext();

  /** The 36-character uuid of this server; every connection's uuid starts with it. */
  String serverUuid();

  /** Every route, most specific first. */
  List<DeployedRoute> routes();

  /** The controller classes of {@link #routes()}, in the same order. */
  default List<Class<? extends Controller>> controllers() {
    return routes().stream().<Class<? extends Controller>>map(DeployedRoute::controller).toList();
  }

  /**
   * The application's messenger, as {@link org.plezi.jakarta.Plezi#messenger} gives it: its methods
   * work once start-up is over.
   */
  Messenger messenger();
}
