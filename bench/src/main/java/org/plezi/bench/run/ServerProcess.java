package org.plezi.bench.run;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.plezi.bench.server.BenchServer;

/**
 * A {@link BenchServer} in a child JVM, on this JVM's class path, driven over its standard input
 * and output. Its standard error (Tomcat's and the library's logs) goes to a file.
 */
public final class ServerProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Writer control;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final int port;
  private final long pid;

  private ServerProcess(String name, Process process) throws IOException {
    this.name = name;
    this.process = process;
    this.control =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String ready = out.readLine();
    while (ready != null && !ready.startsWith("READY ")) {
      ready = out.readLine(); // the JVM's own messages (a JFR recording starting, ...)
    }
    if (ready == null) {
      process.destroyForcibly();
      throw new IOException(name + " did not start (see its log): " + ready);
    }
    String[] words = ready.split(" ");
    this.port = Integer.parseInt(words[1]);
    this.pid = Long.parseLong(words[2]);
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line; (line = out.readLine()) != null; ) {
                  answers.add(line);
                }
              } catch (IOException e) {
                answers.add("ERR control channel: " + e);
              }
            },
            "bench-" + name + "-control");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a server JVM.
   *
   * @param heap the -Xmx (and -Xms) value
   * @param jvmArgs extra JVM options (e.g. a JFR recording)
   * @param args the server's arguments
   */
  public static ServerProcess start(
      String name, Path logDir, String heap, List<String> jvmArgs, String... args)
      throws IOException {
    return start(name, logDir, heap, jvmArgs, BenchServer.class, args);
  }

  /**
   * Starts another JVM driven the same way (the shootout's load client): {@code main} prints {@code
   * READY port pid} on its standard output, then answers commands line by line.
   */
  static ServerProcess start(
      String name, Path logDir, String heap, List<String> jvmArgs, Class<?> main, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms" + heap);
    command.add("-Xmx" + heap);
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    java.nio.file.Files.createDirectories(logDir);
    Process process =
        new ProcessBuilder(command).redirectError(logDir.resolve(name + ".log").toFile()).start();
    return new ServerProcess(name, process);
  }

  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  public long pid() {
    return pid;
  }

  /** Sends a command and returns the words of its {@code OK} answer after "OK". */
  public synchronized String[] call(String command, Duration timeout) throws IOException {
    send(command);
    String answer;
    try {
      answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    if (answer == null) {
      throw new IOException(name + ": no answer to '" + command + "' within " + timeout);
    }
    if (!answer.startsWith("OK")) {
      throw new IOException(name + ": '" + command + "' failed: " + answer);
    }
    String rest = answer.substring(2).trim();
    return rest.isEmpty() ? new String[0] : rest.split(" ");
  }

  /** Sends a line that has no answer (an ACK); safe from any thread. */
  public void send(String line) {
    synchronized (control) {
      try {
        control.write(line);
        control.write('\n');
        control.flush();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(name + " is gone", e);
      }
    }
  }

  /** Waits until the server counts {@code expected} open connections on a side. */
  public void awaitConnections(String side, int expected, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      int count = Integer.parseInt(call("COUNT " + side, Duration.ofSeconds(10))[0]);
      if (count == expected) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            name + ": " + count + " " + side + " connections, expected " + expected);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // polling another process
    }
  }

  @Override
  public void close() {
    try {
      send("QUIT");
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (RuntimeException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
