package org.plezi.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.plezi.jakarta.testing.Ports;
import org.plezi.jakarta.testing.ServerProcess;

/**
 * A standalone Jetty 12 from its distribution ({@code jetty-home}), as its documentation sets one
 * up: a {@code jetty.base} of the test's own made with {@code java -jar start.jar --add-modules=}
 * {@value #MODULES}, the WAR copied unchanged into {@code webapps/} (so it answers at {@code /<war
 * name>/}), then {@code java -jar start.jar} on a free port. {@code ee10-cdi} is Jetty's side of
 * Weld: the Tomcat WAR brings Weld Servlet, which finds Jetty's CDI SPI (the default {@code
 * CdiSpiDecorator} mode) and injects into servlets and listeners.
 *
 * <p>A launcher of its own rather than an Arquillian adapter: the other *ContainerIT run on
 * Arquillian's managed adapters (Tomcat, WildFly, Payara Micro), but Arquillian has none for a
 * standalone Jetty (a {@code jetty-home} distribution run as a process). Its Jetty 12 adapter
 * ({@code arquillian-jetty-embedded-12-ee10}, for Jetty 12.0.x) is an embedded one: it runs Jetty
 * inside the test's JVM on the test's class path, without the distribution's modules (such as
 * {@code ee10-cdi}) this test is about, so it was not tried.
 */
final class StandaloneJetty implements AutoCloseable {
  static final String MODULES = "http,ee10-deploy,ee10-websocket-jakarta,ee10-cdi";

  /** The same without {@code ee10-cdi}: a Jetty with no CDI at all (no CDI API either). */
  static final String MODULES_WITHOUT_CDI = "http,ee10-deploy,ee10-websocket-jakarta";

  private final ServerProcess process;
  private final ChatScenario.Site site;
  private final Path base;

  private StandaloneJetty(ServerProcess process, ChatScenario.Site site, Path base) {
    this.process = process;
    this.site = site;
    this.base = base;
  }

  /** Jetty with {@value #MODULES}, serving {@code war}. */
  static StandaloneJetty start(Path home, Path war, Duration timeout) throws Exception {
    return start(home, war, MODULES, timeout);
  }

  /**
   * Jetty with the given modules, serving {@code war}; ready once {@code /<war name>/} answers 200.
   */
  static StandaloneJetty start(Path home, Path war, String modules, Duration timeout)
      throws Exception {
    int port = Ports.free();
    Path base = Containers.runDirectory("jetty-" + port);
    String javaBin = ServerProcess.javaHome().resolve("bin/java").toString();
    String startJar = home.resolve("start.jar").toString();
    Path setupLog = base.resolve("setup.log");
    Process setup =
        new ProcessBuilder(
                javaBin,
                "-jar",
                startJar,
                "jetty.home=" + home,
                "jetty.base=" + base,
                "--add-modules=" + modules)
            .directory(base.toFile())
            .redirectErrorStream(true)
            .redirectOutput(setupLog.toFile())
            .start();
    if (!setup.waitFor(2, TimeUnit.MINUTES) || setup.exitValue() != 0) {
      setup.destroyForcibly();
      throw new IOException("jetty --add-modules failed: " + Files.readString(setupLog));
    }
    Files.copy(war, base.resolve("webapps").resolve(war.getFileName()));
    Files.createDirectories(base.resolve("logs"));
    ServerProcess process =
        ServerProcess.start(
            "Jetty",
            List.of(
                javaBin,
                "-Xmx512m",
                "-jar",
                startJar,
                "jetty.home=" + home,
                "jetty.base=" + base,
                "jetty.http.host=127.0.0.1",
                "jetty.http.port=" + port),
            base,
            Map.of(),
            base.resolve("logs/console.log"));
    String context = war.getFileName().toString().replaceFirst("\\.war$", "");
    ChatScenario.Site site = ChatScenario.Site.of("http://127.0.0.1:" + port + "/" + context + "/");
    try {
      process.awaitReady(site.base(), timeout, () -> null);
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new StandaloneJetty(process, site, base);
  }

  /** What Jetty wrote to its standard output and error. */
  Path consoleLog() {
    return base.resolve("logs/console.log");
  }

  /** Where the WAR answers. */
  ChatScenario.Site site() {
    return site;
  }

  /** Stops Jetty; never throws. */
  @Override
  public void close() {
    process.close();
  }
}
