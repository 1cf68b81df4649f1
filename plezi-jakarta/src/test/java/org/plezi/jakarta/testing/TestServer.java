package org.plezi.jakarta.testing;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.plezi.jakarta.internal.runtime.PleziInitializer;

/**
 * An embedded Tomcat 10.1 on a random port with the given controllers routed by Plezi, as a WAR
 * with the library in {@code WEB-INF/lib} would run them. The one launcher of the harness: other
 * modules give it a {@code setup} for what their applications add (a CDI listener, say).
 */
public final class TestServer implements AutoCloseable {
  /** Tomcat's leak detectors warn at every undeploy about JVM flags tests do not need. */
  private static final java.util.logging.Logger QUIET_LOADER =
      java.util.logging.Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");

  static {
    QUIET_LOADER.setLevel(java.util.logging.Level.SEVERE);
  }

  private final Tomcat tomcat;
  private final Context context;
  private final Path baseDir;
  private boolean stopped;

  private TestServer(Tomcat tomcat, Context context, Path baseDir) {
    this.tomcat = tomcat;
    this.context = context;
    this.baseDir = baseDir;
  }

  /** Starts a server; fails if the context does not start. */
  public static TestServer start(Map<String, String> contextParams, Class<?>... controllers) {
    TestServer server = boot(contextParams, controllers);
    if (server.context.getState() != LifecycleState.STARTED) {
      server.close();
      throw new IllegalStateException("context failed to start: " + server.context.getState());
    }
    return server;
  }

  /** Starts a server with no context parameters. */
  public static TestServer start(Class<?>... controllers) {
    return start(Map.of(), controllers);
  }

  /** Starts a server on a given port (0: any free port), e.g. to restart one where it was. */
  public static TestServer startOn(
      int port, Map<String, String> contextParams, Class<?>... controllers) {
    TestServer server = boot(port, contextParams, controllers);
    if (!server.started()) {
      server.close();
      throw new IllegalStateException("context failed to start: " + server.context.getState());
    }
    return server;
  }

  /** Boots a server whose context may fail to start (for deployment-error tests). */
  public static TestServer boot(Map<String, String> contextParams, Class<?>... controllers) {
    return boot(0, contextParams, controllers);
  }

  /** Boots a server on a given port (0: any free port) whose context may fail to start. */
  public static TestServer boot(
      int port, Map<String, String> contextParams, Class<?>... controllers) {
    return boot(port, contextParams, context -> {}, controllers);
  }

  /**
   * Starts a server whose application {@code setup} completes first; fails if the context does not
   * start.
   */
  public static TestServer start(
      Map<String, String> contextParams, Consumer<Context> setup, Class<?>... controllers) {
    TestServer server = boot(0, contextParams, setup, controllers);
    if (!server.started()) {
      server.close();
      throw new IllegalStateException("context failed to start: " + server.context.getState());
    }
    return server;
  }

  /**
   * Boots a server on a given port (0: any free port) whose context may fail to start.
   *
   * @param setup runs first on the new context, before the websocket container and Plezi's
   *     initializer are added (listeners, initializers, parameters of the application)
   * @param controllers what Plezi's initializer is handed, as {@code @HandlesTypes} would
   */
  public static TestServer boot(
      int port,
      Map<String, String> contextParams,
      Consumer<Context> setup,
      Class<?>... controllers) {
    Path baseDir = Directories.createTemp("plezi-tomcat");
    try {
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(baseDir.toString());
      tomcat.setPort(port);
      tomcat.setSilent(true);
      File docBase = baseDir.resolve("webapp").toFile();
      docBase.mkdirs();
      Context context = tomcat.addContext("", docBase.getAbsolutePath());
      contextParams.forEach(context::addParameter);
      setup.accept(context);
      servePleziResources(context);
      context.addServletContainerInitializer(new WsSci(), null);
      Set<Class<?>> classes = new LinkedHashSet<>(java.util.List.of(controllers));
      context.addServletContainerInitializer(new PleziInitializer(), classes);
      // Requests reach filters and upgrades only when some servlet maps them.
      Tomcat.addServlet(context, "default", new DefaultServlet());
      context.addServletMappingDecoded("/", "default");
      // Creates the connector; a port that cannot be bound fails the start, not a later connect.
      tomcat.getConnector().setThrowOnFailure(true);
      tomcat.start();
      return new TestServer(tomcat, context, baseDir);
    } catch (LifecycleException e) {
      Directories.deleteRecursively(baseDir);
      throw new IllegalStateException(e);
    }
  }

  /**
   * Serves the core's {@code META-INF/resources} (the JavaScript client) the way a container does
   * for a jar in {@code WEB-INF/lib}: from the packaged jar when the tests run against it
   * (failsafe), else from the classes directory.
   */
  private static void servePleziResources(Context context) {
    try {
      java.net.URL location =
          PleziInitializer.class.getProtectionDomain().getCodeSource().getLocation();
      String base = new File(location.toURI()).getAbsolutePath();
      org.apache.catalina.WebResourceRoot resources =
          new org.apache.catalina.webresources.StandardRoot(context);
      resources.createWebResourceSet(
          org.apache.catalina.WebResourceRoot.ResourceSetType.RESOURCE_JAR,
          "/",
          base,
          null,
          "/META-INF/resources");
      context.setResources(resources);
      // Tomcat's global web.xml maps these; an embedded context starts with no MIME types.
      context.addMimeMapping("js", "text/javascript");
      context.addMimeMapping("html", "text/html");
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean started() {
    return context.getState() == LifecycleState.STARTED;
  }

  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  public URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + port() + path);
  }

  public URI http(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  public jakarta.servlet.ServletContext servletContext() {
    return context.getServletContext();
  }

  /** Stops the server (undeploying the application); idempotent. */
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
    Directories.deleteRecursively(baseDir);
  }
}
