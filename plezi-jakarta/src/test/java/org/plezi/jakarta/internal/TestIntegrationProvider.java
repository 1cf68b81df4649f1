package org.plezi.jakarta.internal;

import jakarta.servlet.ServletContext;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.PleziSettings;
import org.plezi.jakarta.testing.Journal;

/**
 * An integration for the core's own tests, applying only to applications whose context parameter
 * {@code test.integration} asks for it: "journal" makes controllers by reflection and journals
 * every create and release; "events" also tries to change a setting read at install.
 */
public final class TestIntegrationProvider implements IntegrationProvider {
  public static final String PARAMETER = "test.integration";

  @Override
  public Integration integrate(ServletContext context) {
    String mode = context.getInitParameter(PARAMETER);
    if (mode == null) {
      return null;
    }
    ControllerFactory journaling = new ControllerFactory() {
      @Override
      public Controller create(ControllerModel model) throws Exception {
        Controller controller = ControllerFactory.REFLECTION.create(model);
        Journal.record("create " + model.type().getSimpleName());
        return controller;
      }

      @Override
      public void release(Controller controller) {
        Journal.record("release " + controller.getClass().getSimpleName());
      }
    };
    PleziSettings settings = mode.equals("events")
        ? PleziSettings.empty().with("plezi.events.threads", 3)
        : PleziSettings.empty().with("plezi.message.maxBytes", 32);
    return new Integration("test integration", journaling, settings);
  }
}
