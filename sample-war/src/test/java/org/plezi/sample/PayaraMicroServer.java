package org.plezi.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro 6 in a process of its own, as {@code java -jar payara-micro.jar --deploy
 * plezi-sample.war} runs it (the approach of plezi-jakarta-cdi's Payara test): a free HTTP port,
 * no clustering, a root directory of the test's own. The WAR answers at {@code /<war name>/}.
 */
final class PayaraMicroServer implements DeployedChat {
  private final ServerProcess process;
  private final ChatScenario.Site site;

  private PayaraMicroServer(ServerProcess process, ChatScenario.Site site) {
    this.process = process;
    this.site = site;
  }

  static PayaraMicroServer start(Path jar, Path war, Duration timeout) throws IOException {
    int port = ServerProcess.freePort();
    Path run = Containers.runDirectory("payara-" + port);
    String java = ServerProcess.javaHome().resolve("bin/java").toString();
    ServerProcess process = ServerProcess.start("Payara Micro",
        List.of(java, "-Xmx768m", "-jar", jar.toAbsolutePath().toString(), "--nocluster",
            "--port", Integer.toString(port), "--rootdir", run.resolve("root").toString(),
            "--deploy", war.toAbsolutePath().toString()),
        run, Map.of(), run.resolve("payara.log"));
    String context = war.getFileName().toString().replaceFirst("\\.war$", "");
    ChatScenario.Site site = ChatScenario.Site.of("http://127.0.0.1:" + port + "/" + context + "/");
    try {
      process.awaitReady(site.base(), timeout, () -> failure(process));
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new PayaraMicroServer(process, site);
  }

  /** Payara Micro may log that it failed to start and yet not exit: stop waiting then. */
  private static String failure(ServerProcess process) {
    return process.logContains("Failed to start, exiting") ? "Payara Micro failed to start" : null;
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
