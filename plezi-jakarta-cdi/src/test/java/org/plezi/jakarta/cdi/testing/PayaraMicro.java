package org.plezi.jakarta.cdi.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Payara Micro in a process of its own, serving one WAR at the root context on a free port. Its
 * output goes to a log file next to its root directory, quoted when it fails to come up.
 */
public final class PayaraMicro implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  /** Payara's unpacked runtime (about 100 MB), deleted on close; the log stays. */
  private final Path root;

  private PayaraMicro(Process process, int port, Path log, Path root) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.root = root;
  }

  /**
   * Starts Payara Micro and waits until {@code readyPath} answers 200.
   *
   * @param jar the payara-micro jar
   * @param war the archive to deploy at {@code /}
   * @param workDir where Payara's root directory and log go
   * @throws IllegalStateException if the process exits or is not ready in time (with its log)
   */
  public static PayaraMicro start(Path jar, Path war, Path workDir, String readyPath,
      Duration timeout) throws IOException, InterruptedException {
    int port = freePort();
    Path root = Files.createDirectories(workDir.resolve("root-" + port));
    Path log = workDir.resolve("payara-" + port + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-Xmx768m", "-jar", jar.toString(),
        "--nocluster", "--port", Integer.toString(port), "--rootdir", root.toString(),
        "--deploy", war + ":/"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    PayaraMicro payara = new PayaraMicro(process, port, log, root);
    try {
      payara.awaitReady(readyPath, timeout);
    } catch (IllegalStateException | IOException e) {
      payara.close();
      throw e;
    }
    return payara;
  }

  public URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + port + path);
  }

  public URI http(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Polls until the path answers 200; fails early if the process ends. */
  private void awaitReady(String path, Duration timeout) throws IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(5)).build();
    try {
      Awaitility.await("Payara Micro serving " + path)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(250))
          .failFast("Payara Micro exited", () -> !process.isAlive())
          .until(() -> answers(client, request));
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      throw new IllegalStateException(e.getMessage() + "\n" + tail(), e);
    }
  }

  private static boolean answers(HttpClient client, HttpRequest request) throws Exception {
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  /** The end of the server's log. */
  public String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  /** Stops the process (a normal termination, forced after 30 s) and deletes its runtime. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // left for mvn clean
    }
  }

  /**
   * A free port below Linux's ephemeral range (32768 and up by default). A port from that range
   * (what {@code new ServerSocket(0)} gives) can be taken while Payara starts: polling it before
   * anything listens may end in a TCP self-connection holding it, and Payara, which binds its port
   * twice, then fails with "Address already in use".
   */
  private static int freePort() throws IOException {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20_000 + random.nextInt(12_000);
      try (ServerSocket socket = new ServerSocket(port)) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port between 20000 and 32000");
  }
}
