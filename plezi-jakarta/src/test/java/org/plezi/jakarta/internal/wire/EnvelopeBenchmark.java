package org.plezi.jakarta.internal.wire;

import java.util.List;
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
import org.plezi.jakarta.internal.connection.BenchSessions;

/**
 * The cluster envelope's cost per broadcast: YAML encoding on the sending server and decoding on
 * each receiving server, for the cluster scenario's message (a class broadcast of one 250-byte JSON
 * string). Run by {@code bench/run.sh} with the other benchmarks (see docs/BENCHMARKS.md). The
 * message is this library's own, so decoding takes {@code WriterLayoutReader}'s shortcut; {@link
 * #decodeForeignLayout} reads the same envelope with one comment added, which the shortcut leaves
 * to SnakeYAML, as it does what other programs write in any other layout.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class EnvelopeBenchmark {
  private final EnvelopeCodec codec = new EnvelopeCodec();
  private Envelope envelope;
  private String encoded;
  private String foreign;

  @Setup
  public void setUp() {
    envelope =
        Envelope.broadcast(
            "org.plezi.bench.server.FanController",
            "fan",
            List.of(BenchSessions.payload(12_345, 987_654_321_000L)),
            "3b241101-e2bb-4255-8caf-4136c566a962");
    encoded = codec.encode(envelope);
    foreign = encoded.replace("\n:server:", " # from another program\n:server:");
    if (!(codec.decode(encoded) instanceof Decoded.Message)
        || !codec.decode(foreign).equals(codec.decode(encoded))
        || WriterLayoutReader.read(encoded, codec.limits()) == WriterLayoutReader.DECLINED
        || WriterLayoutReader.read(foreign, codec.limits()) != WriterLayoutReader.DECLINED) {
      throw new IllegalStateException("the envelope does not read back: " + encoded);
    }
  }

  @Benchmark
  public String encodeBroadcast() {
    return codec.encode(envelope);
  }

  @Benchmark
  public Decoded decodeBroadcast() {
    return codec.decode(encoded);
  }

  @Benchmark
  public Decoded decodeForeignLayout() {
    return codec.decode(foreign);
  }
}
