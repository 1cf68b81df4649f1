package org.plezi.jakarta.internal.delivery;

import java.util.concurrent.ExecutorService;
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
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.ChannelMode;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.internal.base.Threads;
import org.plezi.jakarta.internal.connection.BenchSessions;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * The cost of channel history on a publish (issue 18), against the same run without it: one {@code
 * publish(channel, event, payload)} to a channel of {@code subscribers} auto-dispatch connections,
 * without Tomcat or a network, with history off and on (the in-memory store, 100 kept for 5
 * minutes). The path is the library's whole one (freeze, the history append, the fan-out into each
 * subscriber's inbox on the events pool, the cursor's check, the event call, the reply tagged with
 * its {@code _chan_} position, the write into the outbound queue); the event method returns a JSON
 * object, so each subscriber sends one frame either way. An operation ends when every subscriber
 * has sent it. Run by {@code bench/run.sh} (see docs/BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class HistoryPublishBenchmark {
  /** Replies with the payload, a JSON object: the position goes in it as its first member. */
  @AutoDispatch
  public static class Room extends Controller {
    @Event
    String fan(String payload) {
      return payload;
    }
  }

  @Param({"1", "1000"})
  public int subscribers;

  /** {@code off}, or {@code memory}: the single server's store. */
  @Param({"off", "memory"})
  public String history;

  private final AtomicLong sent = new AtomicLong();
  private volatile Thread waiter;
  private volatile long target;

  /** The last text a subscriber sent. */
  private volatile String last;

  private ExecutorService events;
  private Messenger messenger;
  private final String payload = BenchSessions.payload(1, 2);

  @Setup
  public void setUp() throws ReflectiveOperationException {
    int threads = 2 * Runtime.getRuntime().availableProcessors();
    events = Threads.pool("bench-events", BenchSessions.SERVER, threads);
    ConnectionRegistry registry = new ConnectionRegistry();
    ControllerModel model = BenchSessions.model(Room.class);
    registry.addRoute(model);
    Messaging messaging = BenchSessions.messaging(registry, events);
    messaging
        .channels()
        .history()
        .configure("memory".equals(history) ? 100 : 0, 300_000, messaging.bus());
    for (int i = 1; i <= subscribers; i++) {
      Connection connection =
          BenchSessions.connect(model, Long.toHexString(i), this::count, events);
      registry.add(connection);
      messaging.channels().subscribe(connection, "room:1", ChannelMode.EVENT);
    }
    messenger = messaging.messenger();
    publish(); // and the check that the run measures what it says
    String expected = "memory".equals(history) ? "{\"_chan_\":{" : "{\"seq\":";
    if (!last.startsWith(expected)) {
      throw new IllegalStateException("history " + history + " but the reply was " + last);
    }
  }

  @TearDown
  public void tearDown() {
    events.shutdownNow();
  }

  /** One publication, until every subscriber sent its reply. */
  @Benchmark
  public long publish() {
    waiter = Thread.currentThread();
    long end = sent.get() + subscribers;
    target = end;
    messenger.publish("room:1", "fan", payload);
    while (sent.get() < end) {
      LockSupport.park(this);
    }
    return end;
  }

  private void count(String text) {
    last = text;
    if (sent.incrementAndGet() == target) {
      LockSupport.unpark(waiter);
    }
  }
}
