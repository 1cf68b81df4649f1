package org.plezi.jakarta.internal.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;
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
import org.plezi.jakarta.AutoDispatch;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Event;
import org.plezi.jakarta.internal.connection.BenchSessions;
import org.plezi.jakarta.internal.connection.Connection;
import org.plezi.jakarta.internal.event.EventMethod;

/**
 * The cost of dispatching one client message on an auto-dispatch connection: parse, acknowledge,
 * look up, bind, call, write the reply into the outbound queue (sent at once by a fake session).
 * Run by {@code bench/run.sh} with the other benchmarks (see docs/BENCHMARKS.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class DispatchBenchmark {
  private static final String CHAT =
      "{\"event\":\"chat\",\"_EID_\":17,\"text\":\"hello world\"," + "\"room\":\"lobby\"}";
  private static final String CHAT_MAP = CHAT.replace("\"chat\"", "\"chatMap\"");
  private static final String CHAT_POJO = CHAT.replace("\"chat\"", "\"chatPojo\"");
  private static final String UNKNOWN = CHAT.replace("\"chat\"", "\"nope\"");

  /** The benchmarked controller; events return a reply so writing is measured too. */
  @AutoDispatch
  public static class Bench extends Controller {
    /** A message bound with JSON-B. */
    public static class Line {
      public String text;
      public String room;
    }

    @Event
    String chat(JsonObject message) {
      return message.getString("text");
    }

    @Event
    String chatMap(Map<String, Object> message) {
      return (String) message.get("text");
    }

    @Event
    String chatPojo(Line line) {
      return line.text;
    }
  }

  private Connection connection;
  private EventMethod chat;
  private JsonObject parsed;
  private JsonReaderFactory readers;
  private Blackhole sink;

  @Setup
  public void setUp(Blackhole blackhole) throws ReflectiveOperationException {
    sink = blackhole;
    connection =
        BenchSessions.connect(BenchSessions.model(Bench.class), "1", text -> sink.consume(text));
    chat = connection.model().events().get("chat");
    readers = JsonProvider.provider().createReaderFactory(Map.of());
    parsed = readers.createReader(new StringReader(CHAT)).readObject();
  }

  /** The whole path for a JsonObject event: parse, ack, call, reply. */
  @Benchmark
  public void dispatchJsonObject() {
    connection.receive(CHAT);
  }

  /** Same, with the message converted to a Map. */
  @Benchmark
  public void dispatchMap() {
    connection.receive(CHAT_MAP);
  }

  /** Same, with the message bound to a class by JSON-B (a second parse). */
  @Benchmark
  public void dispatchPojo() {
    connection.receive(CHAT_POJO);
  }

  /** An unknown event: ack and the 404 reply echoing the message. */
  @Benchmark
  public void dispatchUnknown() {
    connection.receive(UNKNOWN);
  }

  /** Baseline: parsing the same text with a cached JSON-P reader factory, nothing else. */
  @Benchmark
  public JsonObject baselineParseOnly() {
    return readers.createReader(new StringReader(CHAT)).readObject();
  }

  /** Baseline: the resolved method handle call alone, with an already parsed message. */
  @Benchmark
  public Object baselineCallOnly() {
    return chat.invoke(connection.controller(), parsed);
  }
}
