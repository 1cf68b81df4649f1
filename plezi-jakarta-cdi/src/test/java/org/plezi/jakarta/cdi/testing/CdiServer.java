package org.plezi.jakarta.cdi.testing;

import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.jboss.weld.environment.servlet.WeldServletLifecycle;
import org.plezi.jakarta.testing.TestServer;

/**
 * The core's embedded Tomcat ({@link TestServer}) running one application with, when asked, Weld
 * Servlet's listener, as a WAR's {@code web.xml} would declare it. Weld discovers the beans of the
 * test class path ({@code META-INF/beans.xml} of the test classes).
 *
 * <p>Run one Weld Servlet application at a time: Weld is on the shared test class path here (a WAR
 * has its own copy), so a second application's container would replace the first's. To run several
 * CDI applications at once, give each a Weld SE container of its own ({@link #start(BeanManager,
 * Class[])}), which Weld Servlet then serves instead of booting one.
 */
public final class CdiServer {
  private static final String WELD_LISTENER = "org.jboss.weld.environment.servlet.Listener";

  private CdiServer() {}

  /**
   * Boots a server whose application may fail to start (see {@link TestServer#started()}).
   *
   * @param weld whether Weld Servlet runs in the application
   * @param controllers what Plezi's initializer is handed, as {@code @HandlesTypes} would
   */
  public static TestServer boot(boolean weld, Class<?>... controllers) {
    return TestServer.boot(0, Map.of(), weldServlet(weld), controllers);
  }

  /** Boots a server; fails if the application does not start. */
  public static TestServer start(boolean weld, Class<?>... controllers) {
    return TestServer.start(Map.of(), weldServlet(weld), controllers);
  }

  /**
   * Starts a server whose application runs over a CDI container the caller booted (Weld SE, with
   * the application's beans and {@code PleziExtension}), through Weld Servlet's listener as a WAR
   * would declare it; fails if the application does not start. The caller shuts the container down
   * after closing the server.
   */
  public static TestServer start(BeanManager container, Class<?>... controllers) {
    return TestServer.start(
        Map.of(),
        context -> {
          // What Weld's Listener.using(container) does, but declared as web.xml would declare it:
          // Tomcat denies listeners added in code the servlet context calls Weld Servlet makes.
          context.addServletContainerInitializer(
              (classes, servletContext) ->
                  servletContext.setAttribute(
                      WeldServletLifecycle.BEAN_MANAGER_ATTRIBUTE_NAME, container),
              null);
          context.addApplicationListener(WELD_LISTENER);
        },
        controllers);
  }

  private static Consumer<Context> weldServlet(boolean weld) {
    return context -> {
      if (weld) {
        context.addApplicationListener(WELD_LISTENER);
      }
    };
  }
}
