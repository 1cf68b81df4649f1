package org.plezi.bench.client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.plezi.bench.DeliveryTally;
import org.plezi.bench.Shootout;

/**
 * The websocket-shootout load client (issue 15), in a JVM of its own: the JDK's {@code
 * java.net.http.WebSocket} (a client nobody on the project wrote), driven line by line on standard
 * input by the bench's main JVM; answers {@code OK ...} or {@code ERR reason} on standard output.
 *
 * <ul>
 *   <li>{@code OPEN uri N}: opens connections until it holds N, each confirmed by an echo; answers
 *       {@code OK N}.
 *   <li>{@code SAMPLE step broadcasts inflight}: sends {@code broadcasts} broadcast frames, {@code
 *       inflight} at a time, each from a random connection, the next one sent when a {@code
 *       broadcastResult} arrives; then waits until every connection has every broadcast (or 30 s
 *       pass). Answers {@code OK received expected missing extra elapsedNanos rtt,rtt,...}, the
 *       round trips in microseconds, elapsed from the first send to the last delivery.
 *   <li>{@code CLOSE}: closes every connection; answers {@code OK stray}, the broadcasts that
 *       arrived outside any sample.
 * </ul>
 */
public final class ShootoutClient {
  /** How long a sample may take before it counts as failed. */
  private static final long SAMPLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** How long the step's deliveries may take to arrive after its last result. */
  private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** The client's threads: the listener callbacks and sends of every connection. */
  private final ExecutorService executor =
      Executors.newFixedThreadPool(
          2,
          task -> {
            Thread t = new Thread(task, "shootout-client");
            t.setDaemon(true);
            return t;
          });

  private final HttpClient http = HttpClient.newBuilder().executor(executor).build();
  private final List<Connection> connections = new ArrayList<>();

  /** The current sample, or null between samples. */
  private volatile Sample sample;

  /** Broadcasts that arrived between samples. */
  private final LongAdder stray = new LongAdder();

  public static void main(String[] args) throws Exception {
    PrintStream control =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    ShootoutClient client = new ShootoutClient();
    control.println("READY 0 " + ManagementFactory.getRuntimeMXBean().getPid());
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null && !line.equals("QUIT"); ) {
      String[] words = line.trim().split(" +");
      try {
        switch (words[0]) {
          case "OPEN" ->
              control.println("OK " + client.open(URI.create(words[1]), parse(words[2])));
          case "SAMPLE" ->
              control.println(
                  "OK " + client.sample(parse(words[1]), parse(words[2]), parse(words[3])));
          case "CLOSE" -> control.println("OK " + client.close());
          default -> control.println("ERR unknown command " + words[0]);
        }
      } catch (Exception e) {
        control.println("ERR " + e.toString().replace('\n', ' '));
      }
    }
    client.executor.shutdownNow();
    control.println("BYE");
  }

  private static int parse(String number) {
    return Integer.parseInt(number);
  }

  /** Opens connections (100 handshakes at a time) until {@code n} are held, each echo-confirmed. */
  private int open(URI uri, int n) throws Exception {
    while (connections.size() < n) {
      List<Connection> batch = new ArrayList<>();
      for (int i = connections.size(); i < Math.min(n, connections.size() + 100); i++) {
        Connection c = new Connection(i);
        c.socket = http.newWebSocketBuilder().buildAsync(uri, c);
        batch.add(c);
      }
      for (Connection c : batch) {
        WebSocket socket = c.socket.get(60, TimeUnit.SECONDS);
        socket.sendText(Shootout.echo(c.index), true);
      }
      for (Connection c : batch) {
        c.echoed.get(60, TimeUnit.SECONDS);
        connections.add(c);
      }
    }
    return connections.size();
  }

  private String sample(int step, int broadcasts, int inflight) throws Exception {
    Sample s = new Sample(step, broadcasts, connections.size());
    sample = s;
    s.firstSend = System.nanoTime();
    // No more in flight than connections: each sends one at a time, and sendNext waits for one
    // that has none in flight.
    int start = Math.min(inflight, Math.min(broadcasts, connections.size()));
    if (start <= 0) {
      throw new IllegalStateException("no connection or no broadcast to send");
    }
    for (int i = 0; i < start; i++) {
      s.sendNext();
    }
    long deadline = s.firstSend + SAMPLE_TIMEOUT_NANOS;
    try {
      s.results.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      sample = null;
      throw new TimeoutException(
          s.done.get() + " of " + broadcasts + " broadcast results within 60 s");
    }
    long drainDeadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
    while (s.tally.received() < s.tally.expected() && System.nanoTime() < drainDeadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L); // other threads' counters
    }
    sample = null;
    StringBuilder rtts = new StringBuilder();
    for (long rtt : s.rttMicros) {
      rtts.append(rtts.length() == 0 ? "" : ",").append(rtt);
    }
    return s.tally.received()
        + " "
        + s.tally.expected()
        + " "
        + s.tally.missing()
        + " "
        + s.tally.extra()
        + " "
        + (s.lastDelivery.get() - s.firstSend)
        + " "
        + rtts;
  }

  private long close() throws Exception {
    List<CompletableFuture<WebSocket>> closes = new ArrayList<>();
    for (Connection c : connections) {
      closes.add(c.socket.get().sendClose(WebSocket.NORMAL_CLOSURE, ""));
    }
    CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new))
        .completeOnTimeout(null, 30, TimeUnit.SECONDS)
        .join();
    for (Connection c : connections) {
      c.closed.completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
      c.socket.get().abort();
    }
    connections.clear();
    return stray.sum();
  }

  /** One step's sample of broadcasts. */
  private final class Sample {
    final int step;
    final int broadcasts;
    final DeliveryTally tally;

    /** Round trip of each broadcast, by number, in microseconds. */
    final long[] rttMicros;

    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    final CompletableFuture<Void> results = new CompletableFuture<>();
    final AtomicLong lastDelivery = new AtomicLong();
    volatile long firstSend;

    Sample(int step, int broadcasts, int connections) {
      this.step = step;
      this.broadcasts = broadcasts;
      this.tally = new DeliveryTally(step, connections, broadcasts);
      this.rttMicros = new long[broadcasts];
    }

    /** Sends the next broadcast, if any is left, from a random connection with none in flight. */
    void sendNext() {
      int id = sent.getAndIncrement();
      if (id >= broadcasts) {
        return;
      }
      Connection from;
      do {
        from = connections.get(ThreadLocalRandom.current().nextInt(connections.size()));
      } while (!from.busy.compareAndSet(false, true));
      from.socket.join().sendText(Shootout.broadcast(step, id, System.nanoTime()), true);
    }

    void onResult(Connection at, CharSequence frame, long now) {
      long id = Shootout.number(frame, "id");
      long sentNanos = Shootout.number(frame, "sent");
      if (Shootout.number(frame, "step") != step || id < 0 || id >= broadcasts) {
        results.completeExceptionally(new IllegalStateException("unexpected result " + frame));
        return;
      }
      rttMicros[(int) id] = (now - sentNanos) / 1_000;
      at.busy.set(false);
      if (done.incrementAndGet() == broadcasts) {
        results.complete(null);
      } else {
        sendNext();
      }
    }
  }

  /** One websocket and its listener; callbacks of one socket never overlap (the JDK's rule). */
  private final class Connection implements WebSocket.Listener {
    final int index;
    final CompletableFuture<Void> echoed = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    /** A broadcast of this connection awaits its result (the JDK allows one send at a time). */
    final AtomicBoolean busy = new AtomicBoolean();

    /** A text message arriving in parts; touched by this socket's callbacks only. */
    private final StringBuilder partial = new StringBuilder();

    volatile CompletableFuture<WebSocket> socket;

    Connection(int index) {
      this.index = index;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      long now = System.nanoTime();
      ws.request(1);
      CharSequence frame = data;
      if (!last || partial.length() > 0) {
        partial.append(data);
        if (!last) {
          return null;
        }
        frame = partial.toString();
        partial.setLength(0);
      }
      Sample s = sample;
      switch (Shootout.type(frame)) {
        case BROADCAST -> {
          if (s == null) {
            stray.increment();
          } else {
            s.tally.received(index, Shootout.number(frame, "step"), Shootout.number(frame, "id"));
            s.lastDelivery.accumulateAndGet(now, Math::max);
          }
        }
        case BROADCAST_RESULT -> {
          if (s != null) {
            s.onResult(this, frame, now);
          }
        }
        case ECHO -> echoed.complete(null);
        default -> stray.increment();
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(null);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      echoed.completeExceptionally(error);
      closed.complete(null);
      Sample s = sample;
      if (s != null) {
        s.results.completeExceptionally(error);
      }
    }
  }
}
