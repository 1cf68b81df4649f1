package org.plezi.jakarta.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.plezi.jakarta.internal.runtime.PleziInitializer;

/** An embedded Tomcat 10.1 on a random port with the given controllers routed by Plezi. */
public final class TestServer implements AutoCloseable {
  /** Tomcat's leak detectors warn at every undeploy about JVM flags tests do not need. */
  private static final java.util.logging.Logger QUIET_LOADER =
      java.util.logging.Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");

  static {
    QUIET_LOADER.setLevel(java.util.logging.Level.SEVERE);
  }

  private final Tomcat tomcat;
  private final Context context;
  private final File baseDir;
  private boolean stopped;

  private TestServer(Tomcat tomcat, Context context, File baseDir) {
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
  public static TestServer startOn(int port, Map<String, String> contextParams,
      Class<?>... controllers) {
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
  public static TestServer boot(int port, Map<String, String> contextParams,
      Class<?>... controllers) {
    try {
      File baseDir = Files.createTempDirectory("plezi-tomcat").toFile();
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(baseDir.getAbsolutePath());
      tomcat.setPort(port);
      tomcat.setSilent(true);
      File docBase = new File(baseDir, "webapp");
      docBase.mkdirs();
      Context context = tomcat.addContext("", docBase.getAbsolutePath());
      contextParams.forEach(context::addParameter);
      servePleziResources(context);
      context.addServletContainerInitializer(new WsSci(), null);
      Set<Class<?>> classes = new LinkedHashSet<>(java.util.List.of(controllers));
      context.addServletContainerInitializer(new PleziInitializer(), classes);
      // Requests reach filters and upgrades only when some servlet maps them.
      Tomcat.addServlet(context, "default", new DefaultServlet());
      context.addServletMappingDecoded("/", "default");
      tomcat.getConnector(); // creates the connector on port 0
      tomcat.start();
      return new TestServer(tomcat, context, baseDir);
    } catch (IOException | LifecycleException e) {
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
      resources.createWebResourceSet(org.apache.catalina.WebResourceRoot.ResourceSetType.RESOURCE_JAR,
          "/", base, null, "/META-INF/resources");
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
