package org.plezi.jakarta.cdi.testing;

import jakarta.enterprise.inject.spi.BeanManager;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.jboss.weld.environment.servlet.WeldServletLifecycle;
import org.plezi.jakarta.internal.runtime.PleziInitializer;

/**
 * An embedded Tomcat 10.1 on a random port running one application with Plezi's initializer and,
 * when asked, Weld Servlet's listener, as a WAR's {@code web.xml} would declare it. Weld discovers
 * the beans of the test class path ({@code META-INF/beans.xml} of the test classes).
 *
 * <p>Run one Weld Servlet application at a time: Weld is on the shared test class path here (a WAR
 * has its own copy), so a second application's container would replace the first's. To run
 * several CDI applications at once, give each a Weld SE container of its own ({@link
 * #start(BeanManager, Class[])}), which Weld Servlet then serves instead of booting one.
 */
public final class CdiServer implements AutoCloseable {
  /** Tomcat's leak detectors warn at every undeploy about JVM flags tests do not need. */
  private static final java.util.logging.Logger QUIET_LOADER =
      java.util.logging.Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");

  static {
    QUIET_LOADER.setLevel(java.util.logging.Level.SEVERE);
  }

  private static final String WELD_LISTENER = "org.jboss.weld.environment.servlet.Listener";

  private final Tomcat tomcat;
  private final Context context;
  private final File baseDir;
  private boolean stopped;

  private CdiServer(Tomcat tomcat, Context context, File baseDir) {
    this.tomcat = tomcat;
    this.context = context;
    this.baseDir = baseDir;
  }

  /**
   * Boots a server whose application may fail to start (see {@link #started()}).
   *
   * @param weld whether Weld Servlet runs in the application
   * @param controllers what Plezi's initializer is handed, as {@code @HandlesTypes} would
   */
  public static CdiServer boot(boolean weld, Class<?>... controllers) {
    return boot(context -> {
      if (weld) {
        context.addApplicationListener(WELD_LISTENER);
      }
    }, controllers);
  }

  /**
   * Starts a server whose application runs over a CDI container the caller booted (Weld SE,
   * with the application's beans and {@code PleziExtension}), through Weld Servlet's listener as
   * a WAR would declare it; fails if the application does not start. The caller shuts the
   * container down after closing the server.
   */
  public static CdiServer start(BeanManager container, Class<?>... controllers) {
    CdiServer server = boot(context -> {
      // What Weld's Listener.using(container) does, but declared as web.xml would declare it:
      // Tomcat denies listeners added in code the servlet context calls Weld Servlet makes.
      context.addServletContainerInitializer((classes, servletContext) -> servletContext
          .setAttribute(WeldServletLifecycle.BEAN_MANAGER_ATTRIBUTE_NAME, container), null);
      context.addApplicationListener(WELD_LISTENER);
    }, controllers);
    if (!server.started()) {
      server.close();
      throw new IllegalStateException("the application failed to start");
    }
    return server;
  }

  private static CdiServer boot(Consumer<Context> cdi, Class<?>... controllers) {
    try {
      File baseDir = Files.createTempDirectory("plezi-cdi-tomcat").toFile();
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(baseDir.getAbsolutePath());
      tomcat.setPort(0);
      tomcat.setSilent(true);
      File docBase = new File(baseDir, "webapp");
      docBase.mkdirs();
      Context context = tomcat.addContext("", docBase.getAbsolutePath());
      cdi.accept(context);
      context.addServletContainerInitializer(new WsSci(), null);
      Set<Class<?>> classes = new LinkedHashSet<>(List.of(controllers));
      context.addServletContainerInitializer(new PleziInitializer(), classes);
      // Requests reach filters and upgrades only when some servlet maps them.
      Tomcat.addServlet(context, "default", new DefaultServlet());
      context.addServletMappingDecoded("/", "default");
      tomcat.getConnector();
      tomcat.start();
      return new CdiServer(tomcat, context, baseDir);
    } catch (IOException | LifecycleException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Boots a server; fails if the application does not start. */
  public static CdiServer start(boolean weld, Class<?>... controllers) {
    CdiServer server = boot(weld, controllers);
    if (!server.started()) {
      server.close();
      throw new IllegalStateException("the application failed to start");
    }
    return server;
  }

  public jakarta.servlet.ServletContext servletContext() {
    return context.getServletContext();
  }

  public boolean started() {
    return context.getState() == LifecycleState.STARTED;
  }

  public URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + tomcat.getConnector().getLocalPort() + path);
  }

  public URI http(String path) {
    return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + path);
  }

  /** Stops the server, undeploying the application; idempotent. */
  public void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stop();
    deleteRecursively(baseDir);
  }

  private static void deleteRecursively(File file) {
    File[] children = file.listFiles();
    if (children != null) {
      for (File child : children) {
        deleteRecursively(child);
      }
    }
    file.delete();
  }
}
