package org.plezi.jakarta.internal.runtime;

import jakarta.servlet.ServletContext;
import java.util.List;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.spi.DeployedRoute;
import org.plezi.jakarta.spi.Deployment;

/** What an integration sees of a runtime: a read-only view, live (routes added later show). */
final class RuntimeDeployment implements Deployment {
  private final PleziRuntime runtime;
  private final ServletContext context;

  RuntimeDeployment(PleziRuntime runtime, ServletContext context) {
    this.runtime = runtime;
    this.context = context;
  }

  @Override
  public ServletContext servletContext() {
    return context;
  }

  @Override
  public String serverUuid() {
    return runtime.serverUuid();
  }

  @Override
  public List<DeployedRoute> routes() {
    return runtime.routes().routes().stream()
        .map(model -> new DeployedRoute(model.route().path(), model.type()))
        .toList();
  }

  @Override
  public Messenger messenger() {
    return runtime.messenger();
  }

  @Override
  public String toString() {
    return "Plezi deployment "
        + runtime.serverUuid()
        + " at "
        + (context.getContextPath().isEmpty() ? "/" : context.getContextPath());
  }
}
