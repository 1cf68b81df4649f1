package org.plezi.jakarta.internal.delivery;

import java.util.concurrent.Executor;
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
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.internal.base.Threads;
import org.plezi.jakarta.internal.connection.BenchSessions;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;
import org.plezi.jakarta.internal.metrics.RouteMetrics;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * The cost of the metrics on the fan-out hot path (issue 19): {@link FanoutBenchmark}'s library
 * side, one broadcast to 1,000 connections over fake sessions, with every connection counting into
 * its route's metrics ({@code on}, the default in production) or not ({@code off}, {@code
 * plezi.metrics.enabled=0}). Both in the same run, with the same fork settings; the target is
 * {@code on} within 3% of {@code off}.
 *
 * <p>{@code events=inline} runs the whole delivery (registry walk, each receiver's inbox, the event
 * call, the write, the outbound queue, the counting) on the benchmark's thread: the operation is
 * the CPU cost of 1,000 deliveries and nothing else, which is where the counters sit, so it is the
 * figure the 3% is judged on. {@code events=pool} is the production shape (deliveries on the events
 * pool, the caller parked until the last one is sent); there most of the time is the hand-off
 * between threads (a stack profile shows about two thirds of the samples parked or waking), whose
 * run-to-run spread (about 30%) is ten times the difference being measured. Run by {@code
 * bench/run.sh} (its jmh scenario).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class FanoutMetricsBenchmark {
  @Param("1000")
  public int connections;

  @Param({"on", "off"})
  public String metrics;

  @Param({"inline", "pool"})
  public String events;

  /** The sends of the inline shape, all on the benchmark's thread. */
  private long inlineSent;

  private final AtomicLong sent = new AtomicLong();
  private volatile Thread waiter;
  private volatile long target;

  private ExecutorService pool;
  private Messenger messenger;
  private final String payload = BenchSessions.payload(1, 2);

  @Setup
  public void setUp() throws ReflectiveOperationException {
    boolean inline = "inline".equals(events);
    int threads = 2 * Runtime.getRuntime().availableProcessors();
    pool = inline ? null : Threads.pool("bench-events", BenchSessions.SERVER, threads);
    Executor executor = inline ? Runnable::run : pool;
    ConnectionRegistry registry = new ConnectionRegistry();
    ControllerModel model = BenchSessions.model(FanoutBenchmark.Fan.class);
    registry.addRoute(model);
    RouteMetrics counts = RouteMetrics.standalone("/fan", "on".equals(metrics));
    for (int i = 1; i <= connections; i++) {
      registry.add(
          BenchSessions.connect(
              model,
              Long.toHexString(i),
              inline ? text -> inlineSent++ : text -> count(),
              executor,
              counts));
    }
    messenger = BenchSessions.messaging(registry, executor).messenger();
  }

  @TearDown
  public void tearDown() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** A Messenger broadcast to every connection of the controller class. */
  @Benchmark
  public long broadcast() {
    if (pool == null) {
      long end = inlineSent + connections;
      messenger.broadcast(FanoutBenchmark.Fan.class, "fan", payload);
      if (inlineSent != end) {
        throw new IllegalStateException("sent " + inlineSent + ", expected " + end);
      }
      return end;
    }
    waiter = Thread.currentThread();
    long end = sent.get() + connections;
    target = end;
    messenger.broadcast(FanoutBenchmark.Fan.class, "fan", payload);
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
}
