package org.plezi.jakarta.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro 6 in a process of its own, as {@code java -jar payara-micro.jar --deploy app.war}
 * runs it: one WAR at a context root of the caller's choice, a free HTTP port ({@link
 * Ports#free()}: Payara binds its port twice, which leaves a window for an ephemeral port to be
 * taken), no clustering, its unpacked runtime (about 100 MB) and its log under a directory of the
 * test's own.
 */
public final class PayaraMicro implements AutoCloseable {
  private final ServerProcess process;
  private final int port;
  private final Path root;

  private PayaraMicro(ServerProcess process, int port, Path root) {
    this.process = process;
    this.port = port;
    this.root = root;
  }

  /**
   * Starts Payara Micro and waits until {@code readyPath} answers 200.
   *
   * @param jar the payara-micro jar
   * @param war the archive to deploy
   * @param contextRoot where it answers, such as {@code /} or {@code /plezi-sample}
   * @param runDirectory where Payara's root directory and its log ({@code payara.log}) go
   * @param readyPath a path of the server (context root included) that answers 200 once deployed
   * @throws IllegalStateException if the process exits, says it failed, or is not ready in time
   *     (with the end of its log)
   */
  public static PayaraMicro start(
      Path jar, Path war, String contextRoot, Path runDirectory, String readyPath, Duration timeout)
      throws IOException {
    int port = Ports.free();
    Path run = Files.createDirectories(runDirectory).toAbsolutePath();
    Path root = run.resolve("root");
    String java = ServerProcess.javaHome().resolve("bin/java").toString();
    ServerProcess process =
        ServerProcess.start(
            "Payara Micro",
            List.of(
                java,
                "-Xmx768m",
                "-jar",
                jar.toAbsolutePath().toString(),
                "--nocluster",
                "--port",
                Integer.toString(port),
                "--rootdir",
                root.toString(),
                "--deploy",
                war.toAbsolutePath() + ":" + contextRoot),
            run,
            Map.of(),
            run.resolve("payara.log"));
    PayaraMicro payara = new PayaraMicro(process, port, root);
    try {
      process.awaitReady(payara.http(readyPath), timeout, () -> failure(process));
    } catch (RuntimeException e) {
      payara.close();
      throw e;
    }
    return payara;
  }

  /** Payara Micro may log that it failed to start and yet not exit: stop waiting then. */
  private static String failure(ServerProcess process) {
    return process.logContains("Failed to start, exiting") ? "Payara Micro failed to start" : null;
  }

  public URI http(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  public URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + port + path);
  }

  /** The end of the server's log. */
  public String tail() {
    return process.tail();
  }

  /** Stops the process (gently, then by force) and deletes its runtime; the log stays. */
  @Override
  public void close() {
    process.close();
    Directories.deleteRecursively(root);
  }
}
