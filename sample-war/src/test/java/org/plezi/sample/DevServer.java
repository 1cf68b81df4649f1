package org.plezi.sample;

import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ApplicationParameter;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.plezi.jakarta.testing.Directories;

/**
 * Deploys an exploded WAR on an embedded Tomcat 10.1 the way a standalone Tomcat deploys it: {@code
 * Tomcat.addWebapp}, so {@code WEB-INF/web.xml} (if any), {@code WEB-INF/lib} and {@code
 * WEB-INF/classes} are read and the {@code ServletContainerInitializer}s run, with a parent class
 * loader that does not hold the application (see {@link ContainerOnlyClassLoader}) and no scanning
 * of the launcher's class path.
 *
 * <p>{@link #main} is the README's run command ({@code ./mvnw -Prun package}); {@code SampleAppIT}
 * uses {@link #start} on a random port.
 */
public final class DevServer implements AutoCloseable {
  /** The port when neither {@code -Dplezi.port} nor {@code PORT} is set. */
  public static final int DEFAULT_PORT = 8080;

  /** Loopback unless {@code -Dplezi.address} says otherwise: a demo should not face the network. */
  public static final String DEFAULT_ADDRESS = "127.0.0.1";

  private final Tomcat tomcat;
  private final Context context;
  private final Path baseDir;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private DevServer(Tomcat tomcat, Context context, Path baseDir) {
    this.tomcat = tomcat;
    this.context = context;
    this.baseDir = baseDir;
  }

  /**
   * Starts Tomcat with the exploded WAR at the root context.
   *
   * @param webapp the exploded WAR directory (the one holding {@code WEB-INF})
   * @param address the address to listen on
   * @param port the port; 0 picks a free one
   * @throws IllegalArgumentException if {@code webapp} is not an exploded WAR
   * @throws IllegalStateException if the port cannot be bound or the application fails to start
   */
  public static DevServer start(Path webapp, String address, int port) {
    return start(webapp, address, port, Map.of());
  }

  /**
   * Starts Tomcat with the exploded WAR at the root context and extra context parameters, which win
   * over the WAR's {@code web.xml} as a server's own configuration would (the cluster test gives
   * each instance {@code plezi.redis.url} this way, since both share one environment).
   *
   * @see #start(Path, String, int)
   */
  public static DevServer start(
      Path webapp, String address, int port, Map<String, String> contextParameters) {
    return start(webapp, address, port, contextParameters, null);
  }

  /**
   * As {@link #start(Path, String, int, Map)}, with the HTTP sessions in the Redis at {@code
   * sessionsRedisUrl} (shared by every instance on it; or a Redisson YAML file's path) unless that
   * is null.
   */
  public static DevServer start(
      Path webapp,
      String address,
      int port,
      Map<String, String> contextParameters,
      String sessionsRedisUrl) {
    if (!Files.isDirectory(webapp.resolve("WEB-INF"))) {
      throw new IllegalArgumentException(
          webapp.toAbsolutePath()
              + " is not an exploded WAR (no WEB-INF): build it first with ./mvnw package");
    }
    Path baseDir;
    try {
      baseDir = Files.createTempDirectory("plezi-sample-tomcat");
      Files.createDirectories(baseDir.resolve("webapps")); // the host's appBase must exist
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", address);
    connector.setThrowOnFailure(true); // a taken port must stop the launch, not leave Tomcat deaf
    tomcat.setConnector(connector);

    StandardContext context =
        (StandardContext) tomcat.addWebapp("", webapp.toAbsolutePath().toString());
    context.setFailCtxIfServletStartFails(true);
    contextParameters.forEach(
        (name, value) -> {
          ApplicationParameter parameter = new ApplicationParameter();
          parameter.setName(name);
          parameter.setValue(value);
          parameter.setOverride(false); // web.xml may not replace it
          context.addApplicationParameter(parameter);
        });
    // Leak checks matter to a server that redeploys; this one never does, and on JDK 17 they
    // only warn at each stop that they would need --add-opens.
    context.setClearReferencesObjectStreamClassCaches(false);
    context.setClearReferencesRmiTargets(false);
    context.setClearReferencesThreadLocals(false);
    context.setParentClassLoader(new ContainerOnlyClassLoader(DevServer.class.getClassLoader()));
    StandardJarScanner scanner = new StandardJarScanner();
    scanner.setScanClassPath(false); // only WEB-INF/lib and WEB-INF/classes, as on a real server
    context.setJarScanner(scanner);
    // The embedded defaults declare a JSP servlet; without Jasper it would fail at every start.
    context.addLifecycleListener(
        event -> {
          if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
            dropJspServlet(context);
          }
        });

    if (sessionsRedisUrl != null) {
      RedisSessions.install(context, sessionsRedisUrl, baseDir);
    }
    DevServer server = new DevServer(tomcat, context, baseDir);
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      server.close();
      throw new IllegalStateException(
          "Tomcat did not start on " + address + ":" + port + ": " + rootMessage(e), e);
    }
    if (context.getState() != LifecycleState.STARTED) {
      server.close();
      throw new IllegalStateException(
          "the web application " + webapp + " failed to start; the log above says why");
    }
    return server;
  }

  /** The port Tomcat listens on. */
  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  /** The application's HTTP session manager (Redisson's when sessions live in Redis). */
  public org.apache.catalina.Manager sessionManager() {
    return context.getManager();
  }

  /** The deployed application's servlet context. */
  public ServletContext servletContext() {
    return context.getServletContext();
  }

  /** The class loader of the deployed application (its {@code WEB-INF}). */
  public ClassLoader webappClassLoader() {
    return context.getLoader().getClassLoader();
  }

  /**
   * Stops Tomcat, which undeploys the application (open websockets get {@code onShutdown}, then a
   * 1001 close), and deletes Tomcat's work directory. Idempotent.
   */
  @Override
  public void close() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException(e);
    } finally {
      Directories.deleteRecursively(baseDir);
    }
  }

  /**
   * Runs the exploded WAR until the process is interrupted (Ctrl-C) or terminated; the shutdown
   * hook stops Tomcat.
   *
   * @param args the exploded WAR directory; {@code sample-war/target/plezi-sample-tomcat} when
   *     absent
   */
  public static void main(String[] args) throws InterruptedException {
    Path webapp = Path.of(args.length > 0 ? args[0] : "sample-war/target/plezi-sample-tomcat");
    int port = port(System::getProperty, System.getenv());
    String address = System.getProperty("plezi.address", DEFAULT_ADDRESS);
    // With PL_REDIS_URL the instances form a cluster (the library reads it) and share their
    // HTTP sessions in the same Redis (the launcher's session manager); with PL_REDIS_CONFIG (a
    // Redisson YAML: Sentinel, Cluster) both go through that configuration instead.
    String redisUrl = System.getenv("PL_REDIS_URL");
    if (redisUrl == null || redisUrl.isBlank()) {
      redisUrl = System.getenv("PL_REDIS_CONFIG");
    }
    DevServer server =
        start(
            webapp,
            address,
            port,
            Map.of(),
            redisUrl == null || redisUrl.isBlank() ? null : redisUrl.trim());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  // Plain stdout: java.util.logging may already be shut down by its own hook.
                  System.out.println("Plezi sample stopped.");
                },
                "plezi-sample-stop"));
    // A launcher's one line for the person at the terminal, not a log record.
    System.out.println(
        "Plezi sample running at http://"
            + hostForUrl(address)
            + ":"
            + server.port()
            + "/ (Ctrl-C stops it)");
    // Only the JVM's exit ends this; returning would let Maven go on and report BUILD SUCCESS
    // while the shutdown hook is still stopping Tomcat.
    new CountDownLatch(1).await();
  }

  /**
   * The port to listen on: the system property {@code plezi.port}, else the environment variable
   * {@code PORT}, else {@value #DEFAULT_PORT}.
   *
   * @throws IllegalArgumentException naming the source when the value is not a port (0 to 65535)
   */
  static int port(Function<String, String> systemProperties, Map<String, String> environment) {
    String fromProperty = systemProperties.apply("plezi.port");
    if (fromProperty != null) {
      return parsePort(fromProperty, "-Dplezi.port");
    }
    String fromEnvironment = environment.get("PORT");
    if (fromEnvironment != null) {
      return parsePort(fromEnvironment, "PORT");
    }
    return DEFAULT_PORT;
  }

  private static int parsePort(String raw, String source) {
    int port;
    try {
      port = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + "=" + raw + " is not a port number (0 to 65535)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(source + "=" + raw + " is outside 0 to 65535");
    }
    return port;
  }

  private static String hostForUrl(String address) {
    return switch (address) {
      case "127.0.0.1", "0.0.0.0", "::", "::1" -> "localhost";
      default -> address.contains(":") ? "[" + address + "]" : address;
    };
  }

  private static void dropJspServlet(Context context) {
    org.apache.catalina.Container jsp = context.findChild("jsp");
    if (jsp != null) {
      context.removeServletMapping("*.jsp");
      context.removeServletMapping("*.jspx");
      context.removeChild(jsp);
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }
}
