package org.plezi.bench.server;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.plezi.jakarta.Plezi;

/**
 * The embedded Tomcat 10.1 under load: one context on 127.0.0.1 and a random port holding the
 * library's {@link FanController} at {@code /plezi} and the baseline {@link RawEndpoint} at {@code
 * /raw}, so both sides share the connector, its threads and its settings; likewise the shootout's
 * {@link ShootoutController} at {@code /ws} and {@link RawShootoutEndpoint} at {@code /rawws}.
 *
 * <p>System properties of the server JVM change Tomcat's settings from their defaults: {@code
 * bench.maxThreads} (the connector's threads), {@code bench.textBufferSize} and {@code
 * bench.binaryBufferSize} (the context parameters {@code
 * org.apache.tomcat.websocket.textBufferSize} and {@code binaryBufferSize}), {@code
 * bench.appReadBufSize} and {@code bench.appWriteBufSize} (the connector's {@code
 * socket.appReadBufSize} and {@code socket.appWriteBufSize}). Tomcat reads {@code
 * org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE} itself.
 */
public final class BenchTomcat implements AutoCloseable {
  private final Tomcat tomcat;
  private final Context context;
  private final File baseDir;

  private BenchTomcat(Tomcat tomcat, Context context, File baseDir) {
    this.tomcat = tomcat;
    this.context = context;
    this.baseDir = baseDir;
  }

  /**
   * Starts the server.
   *
   * @param redisUrl the cluster's Redis for the library, or null for a single server
   */
  public static BenchTomcat start(String redisUrl, RawEndpoint.Hub hub) throws IOException {
    File baseDir = Files.createTempDirectory("plezi-bench-tomcat").toFile();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.getAbsolutePath());
    tomcat.setSilent(true);
    Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    // 10,000 websockets accepted in bursts: Tomcat's defaults are 8,192 connections, backlog 100.
    connector.setProperty("maxConnections", "-1");
    connector.setProperty("acceptCount", "2048");
    // The shootout scenario's server runs with -Dbench.maxThreads=8, as the measurement
    // did; the other scenarios keep Tomcat's default (200).
    String maxThreads = System.getProperty("bench.maxThreads");
    if (maxThreads != null) {
      connector.setProperty("maxThreads", maxThreads);
    }
    // The memory scenario's settings (see MemoryScenario.Variant): each connection's NIO read and
    // write buffers (Tomcat's default 8,192 bytes each).
    setIfGiven(connector, "socket.appReadBufSize", "bench.appReadBufSize");
    setIfGiven(connector, "socket.appWriteBufSize", "bench.appWriteBufSize");
    // An experiment of the shootout's (issue 15): with async IO (Tomcat's default) every async
    // send's completion is handed to the connector's executor.
    setIfGiven(connector, "useAsyncIO", "bench.useAsyncIO");
    tomcat.setConnector(connector);
    File docBase = new File(baseDir, "webapp");
    docBase.mkdirs();
    Context context = tomcat.addContext("", docBase.getAbsolutePath());
    if (redisUrl != null) {
      context.addParameter("plezi.redis.url", redisUrl);
      context.addParameter("plezi.channel", "bench_plezi");
    }
    // Each websocket session's message buffers (Tomcat's default 8,192 chars and 8,192 bytes; with
    // whole-message handlers also the largest message a session accepts).
    String textBufferSize = System.getProperty("bench.textBufferSize");
    if (textBufferSize != null) {
      context.addParameter(
          org.apache.tomcat.websocket.server.Constants.TEXT_BUFFER_SIZE_SERVLET_CONTEXT_INIT_PARAM,
          textBufferSize);
    }
    String binaryBufferSize = System.getProperty("bench.binaryBufferSize");
    if (binaryBufferSize != null) {
      context.addParameter(
          org.apache.tomcat.websocket.server.Constants
              .BINARY_BUFFER_SIZE_SERVLET_CONTEXT_INIT_PARAM,
          binaryBufferSize);
    }
    context.addServletContainerInitializer(new WsSci(), null);
    context.addServletContainerInitializer(new Setup(hub), null);
    // Tomcat's websocket filter only sees requests that some servlet maps.
    Tomcat.addServlet(context, "default", new DefaultServlet()).addMapping("/");
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      throw new IOException("Tomcat did not start", e);
    }
    return new BenchTomcat(tomcat, context, baseDir);
  }

  private static void setIfGiven(Connector connector, String property, String systemProperty) {
    String value = System.getProperty(systemProperty);
    if (value != null && !connector.setProperty(property, value)) {
      throw new IllegalArgumentException("Tomcat's connector has no property " + property);
    }
  }

  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  public ServletContext servletContext() {
    return context.getServletContext();
  }

  @Override
  public void close() throws LifecycleException {
    tomcat.stop();
    tomcat.destroy();
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

  /** Registers both sides once Tomcat's websocket container exists. */
  private static final class Setup implements ServletContainerInitializer {
    private final RawEndpoint.Hub hub;

    Setup(RawEndpoint.Hub hub) {
      this.hub = hub;
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
      Plezi.register(
          context,
          FanController.class,
          ChannelEventController.class,
          ChannelRawController.class,
          PresenceController.class,
          ShootoutController.class);
      ServerContainer container =
          (ServerContainer) context.getAttribute(ServerContainer.class.getName());
      try {
        container.addEndpoint(RawEndpoint.config(hub));
        container.addEndpoint(RawShootoutEndpoint.config());
      } catch (DeploymentException e) {
        throw new ServletException(e);
      }
    }
  }
}
