package org.plezi.jakarta.spi;

import org.plezi.jakarta.Controller;

/**
 * Makes the controller of each websocket connection and of each plain HTTP request, and disposes of
 * it when that is over; an {@link Integration} brings one (the CDI module's makes beans). Without
 * an integration, Plezi calls each class's no-argument constructor.
 *
 * <p>The runtime calls {@link #release} exactly once for every controller {@link #create} returned:
 * after {@code onClose} for a connection, after {@code index}/{@code show} for a request, and after
 * a refused or failed upgrade. Both are called on container threads (the request's, the one that
 * reports the close) or on Plezi's close pool, concurrently for different controllers:
 * implementations are thread-safe.
 */
public interface ControllerFactory {
  /**
   * A new controller of a routed class, or of a subclass of it (a CDI proxy, say): events and
   * callbacks are those of {@code type}.
   *
   * @param type a class the deployment routes (see {@link Deployment#routes()})
   * @throws Exception when it could not be made; the runtime logs it and answers HTTP 500
   */
  Controller create(Class<? extends Controller> type) throws Exception;

  /** The controller's connection or request is over; never throws. */
  void release(Controller controller);
}
