package org.plezi.jakarta.internal.delivery;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.Messenger;
import org.plezi.jakarta.internal.connection.BenchSessions;
import org.plezi.jakarta.internal.connection.ConnectionRegistry;
import org.plezi.jakarta.internal.model.ControllerModel;

/**
 * Unicast routing on one server: a {@code Messenger} unicast by uuid to one of 10,000 local
 * connections, through the registry lookup, the argument freeze, the receiver's inbox, the event
 * call and its write into the outbound queue (a fake session completes the send at once). The
 * events pool is the calling thread, so one operation is the whole trip. Run by {@code
 * bench/run.sh} (see docs/BENCHMARKS.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class UnicastBenchmark {
  /** The receiving controller: writes what it is sent. */
  public static class Target extends Controller {
    @Event
    void hello(String text) {
      write(text);
    }

    @Override
    protected void onMessage(String text) {}
  }

  private static final int CONNECTIONS = 10_000;

  private Messenger messenger;
  private String targetUuid;
  private String missingUuid;

  @Setup
  public void setUp(Blackhole blackhole) throws ReflectiveOperationException {
    ConnectionRegistry registry = new ConnectionRegistry();
    ControllerModel model = BenchSessions.model(Target.class);
    registry.addRoute(model);
    for (int i = 1; i <= CONNECTIONS; i++) {
      registry.add(BenchSessions.connect(model, Long.toHexString(i), blackhole::consume));
    }
    Executor inline = Runnable::run;
    messenger = BenchSessions.messaging(registry, inline).messenger();
    targetUuid = BenchSessions.SERVER + Long.toHexString(CONNECTIONS / 2);
    missingUuid = BenchSessions.SERVER + Long.toHexString(CONNECTIONS * 2);
  }

  /** To a live local connection: routed, called, written. */
  @Benchmark
  public Object unicastLocal() {
    return messenger.unicast(targetUuid, "hello", "hi there");
  }

  /** To a uuid this server does not hold: routed and answered false. */
  @Benchmark
  public Object unicastMissing() {
    return messenger.unicast(missingUuid, "hello", "hi there");
  }
}
