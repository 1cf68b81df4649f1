package org.plezi.bench.run;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.plezi.bench.client.ConnectionGroup;
import org.plezi.bench.client.LoadClient;

/**
 * Is a general-purpose websocket client too heavy to hold the bench's connections? The same {@value
 * #CONNECTIONS} connections to the baseline endpoint and the same burst of broadcasts are received
 * by the bench's own NIO client, the JDK's {@code java.net.http.WebSocket} and Tyrus (shared
 * container), each in this JVM in turn: heap and threads per connection, and this JVM's CPU time
 * per message received.
 */
final class ClientsScenario {
  static final int CONNECTIONS = 1_000;

  /** What one client cost. */
  record ClientCost(
      String client,
      double heapBytesPerConnection,
      int threads,
      double cpuMicrosPerMessage,
      double openSeconds,
      long lost) {}

  /** One client library under test. */
  private interface Subject extends AutoCloseable {
    void open(URI uri, int n, LongAdder received) throws Exception;

    @Override
    void close() throws IOException;
  }

  private final Options options;
  private final LoadClient nio;
  private final Path logs;

  ClientsScenario(Options options, LoadClient nio, Path logs) {
    this.options = options;
    this.nio = nio;
    this.logs = logs;
  }

  List<ClientCost> run() throws Exception {
    List<ClientCost> costs = new ArrayList<>();
    try (ServerProcess server =
        ServerProcess.start("clients-server", logs, "2g", options.serverJvm())) {
      costs.add(measure(server, "bench NIO client", new NioSubject(server)));
      costs.add(measure(server, "JDK java.net.http.WebSocket", new JdkSubject()));
      costs.add(measure(server, "Tyrus 2.1 (shared container)", new TyrusSubject()));
    }
    return costs;
  }

  private ClientCost measure(ServerProcess server, String name, Subject subject) throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + server.address().getPort() + "/raw");
    LongAdder received = new LongAdder();
    long heapBefore = heapAfterGc();
    java.util.Set<Long> threadsBefore = threadIds();
    long opening = System.nanoTime();
    subject.open(uri, CONNECTIONS, received);
    double openSeconds = (System.nanoTime() - opening) / 1e9;
    server.awaitConnections("raw", CONNECTIONS, Duration.ofSeconds(60));
    long heapAfter = heapAfterGc();
    java.util.Set<Long> started = threadIds();
    started.removeAll(threadsBefore);
    int threads = started.size();
    long broadcasts = options.quick() ? 20 : 100;
    long expected = broadcasts * CONNECTIONS;
    long cpuBefore = processCpuNanos();
    // Fixed rate, no window: these clients have no per-broadcast acknowledgement.
    server.call("RUN raw " + broadcasts + " " + broadcasts + " 50", Duration.ofMinutes(2));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (received.sum() < expected && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L); // counters of other threads
    }
    long cpu = processCpuNanos() - cpuBefore;
    long lost = expected - received.sum();
    subject.close();
    server.awaitConnections("raw", 0, Duration.ofSeconds(60));
    ClientCost cost =
        new ClientCost(
            name,
            (double) (heapAfter - heapBefore) / CONNECTIONS,
            threads,
            cpu / 1e3 / Math.max(1, received.sum()),
            openSeconds,
            lost);
    Bench.log(
        String.format(
            "clients: %s: %.0f B heap and %d threads for %d connections, "
                + "%.2f us CPU per message, lost %d",
            name,
            cost.heapBytesPerConnection(),
            threads,
            CONNECTIONS,
            cost.cpuMicrosPerMessage(),
            lost));
    if (lost != 0) {
      throw new FanoutRun.LossException(name + " lost " + lost + " messages");
    }
    return cost;
  }

  static long heapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Live threads; new ones are the client's (earlier clients' idle threads may die meanwhile). */
  private static java.util.Set<Long> threadIds() {
    java.util.Set<Long> ids = new java.util.HashSet<>();
    for (long id : ManagementFactory.getThreadMXBean().getAllThreadIds()) {
      ids.add(id);
    }
    return ids;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private final class NioSubject implements Subject {
    private final ServerProcess server;
    private ConnectionGroup group;

    NioSubject(ServerProcess server) {
      this.server = server;
    }

    @Override
    public void open(URI uri, int n, LongAdder received) throws IOException {
      group =
          nio.open(
              server.address(),
              "/raw",
              n,
              Bench.LOCAL_ADDRESSES,
              (c, data, offset, length, now) -> received.increment(),
              Duration.ofSeconds(60));
    }

    @Override
    public void close() throws IOException {
      nio.close(group, Duration.ofSeconds(30));
    }
  }

  private static final class JdkSubject implements Subject {
    private final List<WebSocket> sockets = new ArrayList<>();
    private HttpClient http;

    @Override
    public void open(URI uri, int n, LongAdder received) {
      http = HttpClient.newHttpClient();
      WebSocket.Listener listener =
          new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
              if (last) {
                received.increment();
              }
              socket.request(1);
              return null;
            }
          };
      for (int i = 0; i < n; i += 100) {
        List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
        for (int j = i; j < Math.min(n, i + 100); j++) {
          batch.add(http.newWebSocketBuilder().buildAsync(uri, listener));
        }
        batch.forEach(f -> sockets.add(f.join()));
      }
    }

    @Override
    public void close() {
      List<CompletableFuture<WebSocket>> closes = new ArrayList<>();
      for (WebSocket socket : sockets) {
        closes.add(socket.sendClose(WebSocket.NORMAL_CLOSURE, ""));
      }
      CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new))
          .completeOnTimeout(null, 30, TimeUnit.SECONDS)
          .join();
      sockets.forEach(WebSocket::abort);
      sockets.clear();
      http = null;
    }
  }

  private static final class TyrusSubject implements Subject {
    private final List<Session> sessions = new ArrayList<>();

    @Override
    public void open(URI uri, int n, LongAdder received) throws Exception {
      ClientManager manager = ClientManager.createClient();
      manager.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
      for (int i = 0; i < n; i++) {
        sessions.add(
            manager.connectToServer(
                new Endpoint() {
                  @Override
                  public void onOpen(Session session, EndpointConfig config) {
                    session.addMessageHandler(String.class, text -> received.increment());
                  }
                },
                ClientEndpointConfig.Builder.create().build(),
                uri));
      }
    }

    @Override
    public void close() throws IOException {
      for (Session session : sessions) {
        session.close();
      }
      sessions.clear();
    }
  }
}
