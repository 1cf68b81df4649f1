package org.plezi.jakarta.spi;

import org.plezi.jakarta.Controller;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * Makes the controller of each websocket connection and of each plain HTTP request, and disposes
 * of it when that is over. The runtime calls {@link #release} exactly once for every controller
 * {@link #create} returned: after {@code onClose} for a connection, after {@code index}/{@code
 * show} for a request, and after a refused or failed upgrade. Implementations are thread-safe.
 *
 * <p>The default, {@link #REFLECTION}, calls the class's no-argument constructor; an {@link
 * IntegrationProvider} (the CDI module) can supply another once start-up is over.
 */
public interface ControllerFactory {
  /** Calls the no-argument constructor; releasing does nothing. */
  ControllerFactory REFLECTION = new ControllerFactory() {
    @Override
    public Controller create(ControllerModel model) throws ReflectiveOperationException {
      return model.instantiate();
    }

    @Override
    public void release(Controller controller) {
      // nothing to dispose of: the garbage collector owns reflection-made controllers
    }

    @Override
    public String toString() {
      return "reflection";
    }
  };

  /**
   * A new controller of the model's class.
   *
   * @throws Exception when it could not be made; the runtime logs it and answers HTTP 500
   */
  Controller create(ControllerModel model) throws Exception;

  /** The controller's connection or request is over; never throws. */
  void release(Controller controller);
}
