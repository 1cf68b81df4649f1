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
 * A standalone Tomcat from its distribution, as an administrator runs it: {@code bin/catalina.sh
 * run} with a {@code CATALINA_BASE} of the test's own (the distribution's {@code conf}, its HTTP
 * port read from {@code -Dplezi.http.port}, no shutdown port) and the WAR copied unchanged into
 * {@code webapps/}, so it answers at {@code /<war name>/}.
 */
final class StandaloneTomcat implements DeployedChat {
  private final ServerProcess process;
  private final ChatScenario.Site site;

  private StandaloneTomcat(ServerProcess process, ChatScenario.Site site) {
    this.process = process;
    this.site = site;
  }

  static StandaloneTomcat start(Path home, Path war, Duration timeout) throws IOException {
    Containers.makeScriptsExecutable(home.resolve("bin"));
    int port = Ports.free();
    Path base = Containers.runDirectory("tomcat-" + port);
    Containers.copyTree(home.resolve("conf"), base.resolve("conf"));
    for (String dir : List.of("webapps", "logs", "temp", "work")) {
      Files.createDirectories(base.resolve(dir));
    }
    Path serverXml = base.resolve("conf/server.xml");
    String config = Files.readString(serverXml);
    String configured =
        config
            .replace(
                "<Connector port=\"8080\"",
                "<Connector port=\"${plezi.http.port}\" address=\"127.0.0.1\"")
            .replace("<Server port=\"8005\"", "<Server port=\"-1\""); // stopped by a signal instead
    if (!configured.contains("${plezi.http.port}") || !configured.contains("<Server port=\"-1\"")) {
      throw new IllegalStateException(
          "unexpected "
              + serverXml
              + ": no HTTP connector on 8080 or shutdown port 8005 to replace");
    }
    Files.writeString(serverXml, configured);
    Files.copy(war, base.resolve("webapps").resolve(war.getFileName()));

    ServerProcess process =
        ServerProcess.start(
            "Tomcat",
            List.of(home.resolve("bin/catalina.sh").toString(), "run"),
            base,
            Map.of(
                "CATALINA_HOME",
                home.toString(),
                "CATALINA_BASE",
                base.toString(),
                "JAVA_HOME",
                ServerProcess.javaHome().toString(),
                "CATALINA_OPTS",
                "-Xmx512m -Dplezi.http.port=" + port),
            base.resolve("logs/console.log"));
    String context = war.getFileName().toString().replaceFirst("\\.war$", "");
    ChatScenario.Site site = ChatScenario.Site.of("http://127.0.0.1:" + port + "/" + context + "/");
    try {
      process.awaitReady(site.base(), timeout, () -> null);
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new StandaloneTomcat(process, site);
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
