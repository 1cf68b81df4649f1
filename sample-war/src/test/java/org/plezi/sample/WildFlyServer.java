package org.plezi.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.plezi.jakarta.testing.Ports;
import org.plezi.jakarta.testing.ServerProcess;

/**
 * WildFly from its distribution, as an administrator runs it: {@code bin/standalone.sh} with a
 * server base directory of the test's own (a copy of the distribution's {@code standalone}), the
 * WAR copied unchanged into its {@code deployments/} (so it answers at {@code /<war name>/}), and
 * free ports for HTTP, HTTPS and the management interfaces, all on the loopback address.
 */
final class WildFlyServer implements DeployedChat {
  private final ServerProcess process;
  private final ChatScenario.Site site;

  private WildFlyServer(ServerProcess process, ChatScenario.Site site) {
    this.process = process;
    this.site = site;
  }

  /** What a test does to a server's own configuration before it starts (add users...). */
  interface Preparation {
    void prepare(Path home, Path base) throws IOException, InterruptedException;
  }

  static WildFlyServer start(Path home, Path war, Duration timeout) throws IOException {
    try {
      return start(home, war, timeout, (h, b) -> {});
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /**
   * Starts WildFly with the WAR, after {@code preparation} has changed the server base directory (a
   * copy of the distribution's {@code standalone}).
   */
  static WildFlyServer start(Path home, Path war, Duration timeout, Preparation preparation)
      throws IOException, InterruptedException {
    Containers.makeScriptsExecutable(home.resolve("bin"));
    int http = Ports.free();
    Path base = Containers.runDirectory("wildfly-" + http);
    Containers.copyTree(home.resolve("standalone"), base);
    preparation.prepare(home, base);
    Path deployed = base.resolve("deployments").resolve(war.getFileName());
    Files.copy(war, deployed);
    Path failedMarker = deployed.resolveSibling(war.getFileName() + ".failed");

    ServerProcess process =
        ServerProcess.start(
            "WildFly",
            List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.http.port=" + http,
                "-Djboss.https.port=" + Ports.free(),
                "-Djboss.management.http.port=" + Ports.free(),
                "-Djboss.management.https.port=" + Ports.free()),
            base,
            // In the background the script forwards a TERM to the server's JVM, so stopping the
            // script stops WildFly.
            Map.of(
                "JBOSS_HOME",
                home.toString(),
                "JAVA_HOME",
                ServerProcess.javaHome().toString(),
                "LAUNCH_JBOSS_IN_BACKGROUND",
                "1"),
            base.resolve("console.log"));
    String context = war.getFileName().toString().replaceFirst("\\.war$", "");
    ChatScenario.Site site = ChatScenario.Site.of("http://127.0.0.1:" + http + "/" + context + "/");
    try {
      process.awaitReady(site.base(), timeout, () -> failure(failedMarker));
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new WildFlyServer(process, site);
  }

  /**
   * What WildFly wrote into the deployment's {@code .failed} marker, or null while there is none.
   */
  private static String failure(Path marker) {
    try {
      return Files.exists(marker) ? "deployment failed: " + Files.readString(marker) : null;
    } catch (IOException e) {
      return "deployment failed (" + marker + " unreadable)";
    }
  }

  @Override
  public ChatScenario.Site site() {
    return site;
  }

  @Override
  public void close() {
    process.close();
  }
}
