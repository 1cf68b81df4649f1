package org.plezi.jakarta.cdi.internal;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.spi.DeployedRoute;
import org.plezi.jakarta.spi.Deployment;

/**
 * A servlet context that knows only its attributes, an empty context path and the test class
 * loader; and a deployment of it with no routes, as the core hands it to an integration.
 */
final class FakeServletContext {
  private FakeServletContext() {}

  static ServletContext with(Map<String, Object> attributes) {
    return (ServletContext)
        Proxy.newProxyInstance(
            FakeServletContext.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAttribute" -> attributes.get((String) args[0]);
                  case "getContextPath" -> "";
                  case "getClassLoader" -> FakeServletContext.class.getClassLoader();
                  case "toString" -> "FakeServletContext" + attributes.keySet();
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  /** A deployment of {@link #with} those attributes: no routes, a messenger not yet started. */
  static Deployment deployment(Map<String, Object> attributes) {
    ServletContext context = with(attributes);
    return new Deployment() {
      @Override
      public ServletContext servletContext() {
        return context;
      }

      @Override
      public String serverUuid() {
        return "00000000-0000-0000-0000-000000000000";
      }

      @Override
      public List<DeployedRoute> routes() {
        return List.of();
      }

      @Override
      public Messenger messenger() {
        return new NotStarted();
      }
    };
  }

  /** A messenger whose application has not started. */
  private static final class NotStarted implements Messenger {
    @Override
    public void multicast(String event, Object... args) {
      throw new IllegalStateException("not started");
    }

    @Override
    public void broadcast(Class<? extends Controller> target, String event, Object... args) {
      throw new IllegalStateException("not started");
    }

    @Override
    public CompletionStage<Boolean> unicast(String uuid, String event, Object... args) {
      throw new IllegalStateException("not started");
    }

    @Override
    public boolean notify(String identity, String event, Object... args) {
      throw new IllegalStateException("not started");
    }

    @Override
    public void publish(String channel, String event, Object... args) {
      throw new IllegalStateException("not started");
    }

    @Override
    public void publishRaw(String channel, String text) {
      throw new IllegalStateException("not started");
    }

    @Override
    public CompletionStage<java.util.Map<String, java.util.Map<String, String>>> presence(
        String channel) {
      throw new IllegalStateException("not started");
    }
  }
}
