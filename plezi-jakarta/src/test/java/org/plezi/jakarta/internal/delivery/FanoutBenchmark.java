package org.plezi.jakarta.internal.delivery;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.internal.base.Threads;
import org.plezi.jakarta.internal.connection.BenchSessions;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * One broadcast to 1,000 connections, without Tomcat or a network: the library's whole routing path
 * (freeze, registry, each receiver's inbox on the events pool, the event call, the write into the
 * outbound queue) against the baseline's (each session's send queue, the loop spread over as many
 * threads as the events pool). Both use the same fake sessions, which complete each send at once;
 * an operation ends when every connection has sent the payload. What is left is each side's own
 * cost per delivery. Run by {@code bench/run.sh} (see docs/BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class FanoutBenchmark {
  /** The library's receiving controller, as in the fan-out scenario. */
  public static class Fan extends Controller {
    @Event
    void fan(String payload) {
      write(payload);
    }

    @Override
    protected void onMessage(String text) {}
  }

  @Param("1000")
  public int connections;

  private final AtomicLong sent = new AtomicLong();
  private volatile Thread waiter;
  private volatile long target;

  private ExecutorService events;
  private Messenger messenger;
  private final String payload = BenchSessions.payload(1, 2);
  private ExecutorService[] shardThreads;
  private List<List<Peer>> shards;

  @Setup
  public void setUp() throws ReflectiveOperationException {
    int threads = 2 * Runtime.getRuntime().availableProcessors();
    events = Threads.pool("bench-events", BenchSessions.SERVER, threads);
    ConnectionRegistry registry = new ConnectionRegistry();
    ControllerModel model = BenchSessions.model(Fan.class);
    registry.addRoute(model);
    for (int i = 1; i <= connections; i++) {
      registry.add(BenchSessions.connect(model, Long.toHexString(i), text -> count(), events));
    }
    messenger = BenchSessions.messaging(registry, events).messenger();
    shardThreads = new ExecutorService[threads];
    shards = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      shardThreads[i] = Executors.newSingleThreadExecutor();
      shards.add(new ArrayList<>());
    }
    for (int i = 0; i < connections; i++) {
      shards.get(i % threads).add(new Peer(BenchSessions.create(text -> count())));
    }
  }

  @TearDown
  public void tearDown() {
    events.shutdownNow();
    for (ExecutorService thread : shardThreads) {
      thread.shutdownNow();
    }
  }

  /** The library: a Messenger broadcast to every connection of the controller class. */
  @Benchmark
  public long library() {
    long end = expect();
    messenger.broadcast(Fan.class, "fan", payload);
    return await(end);
  }

  /** The baseline: each session's send queue, one loop per shard thread. */
  @Benchmark
  public long baseline() {
    long end = expect();
    for (int i = 0; i < shardThreads.length; i++) {
      List<Peer> shard = shards.get(i);
      shardThreads[i].execute(
          () -> {
            for (Peer peer : shard) {
              peer.send(payload);
            }
          });
    }
    return await(end);
  }

  private long expect() {
    waiter = Thread.currentThread();
    long end = sent.get() + connections;
    target = end;
    return end;
  }

  private long await(long end) {
    while (sent.get() < end) {
      LockSupport.park(this);
    }
    return end;
  }

  private void count() {
    if (sent.incrementAndGet() == target) {
      LockSupport.unpark(waiter);
    }
  }

  /**
   * The baseline's per-session queue (as the bench's RawPeer), over the same kind of session as the
   * library's connections: each send completes at once.
   */
  private static final class Peer implements SendHandler {
    private final Session session;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean sending;

    Peer(Session session) {
      this.session = session;
    }

    void send(String text) {
      synchronized (this) {
        if (sending) {
          queue.add(text);
          return;
        }
        sending = true;
      }
      deliver(text);
    }

    private void deliver(String text) {
      session.getAsyncRemote().sendText(text, this);
    }

    @Override
    public void onResult(SendResult result) {
      String next;
      synchronized (this) {
        next = queue.poll();
        sending = next != null;
      }
      if (next != null) {
        deliver(next);
      }
    }
  }
}
