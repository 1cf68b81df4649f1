package org.plezi.jakarta.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A server in a process of its own (a shell script or {@code java -jar}), its output in a log file.
 * {@link #close()} always ends it and everything it started (a script's JVM), gently first and by
 * force after a bounded wait; a JVM shutdown hook does the same if the test JVM ends first.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Duration GENTLE_STOP = Duration.ofSeconds(30);

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread killer;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.killer = new Thread(() -> kill(process), "stop " + name);
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /**
   * Starts {@code command} in {@code directory} with extra environment variables.
   *
   * @param name what the server is, for messages
   */
  public static ServerProcess start(
      String name, List<String> command, Path directory, Map<String, String> environment, Path log)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return new ServerProcess(name, builder.start(), log);
  }

  /**
   * Polls {@code url} until it answers 200.
   *
   * @param failed says why the server will never be ready (a failed deployment), or null
   * @throws IllegalStateException with the end of the log if the process exits, {@code failed} says
   *     something, or the time runs out
   */
  public void awaitReady(URI url, Duration timeout, Supplier<String> failed) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build();
    try {
      Awaitility.await(name + " serving " + url)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(200))
          .failFast(name + " exited", () -> !process.isAlive())
          .failFast(name + " failed to deploy", () -> failed.get() != null)
          .until(() -> answers(client, request));
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      String reason = failed.get();
      throw new IllegalStateException(
          e.getMessage()
              + (reason == null ? "" : "\n" + reason)
              + "\n--- end of "
              + log
              + " ---\n"
              + tail(),
          e);
    }
  }

  private static boolean answers(HttpClient client, HttpRequest request) throws Exception {
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  /** Whether the log so far holds {@code text}. */
  public boolean logContains(String text) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8).contains(text);
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  /** The last 80 lines of the log. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Ends the process and its descendants; idempotent. */
  @Override
  public void close() {
    kill(process);
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs anyway
    }
  }

  private static void kill(Process process) {
    List<ProcessHandle> tree = process.descendants().toList();
    // The script first: WildFly's traps the signal and stops its JVM; then everything left.
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(GENTLE_STOP.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle child : tree) {
        child.onExit().get(GENTLE_STOP.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      tree.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** The JDK running the tests, for the servers' scripts. */
  public static Path javaHome() {
    return Path.of(System.getProperty("java.home"));
  }
}
