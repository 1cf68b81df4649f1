package org.plezi.jakarta.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plezi.jakarta.internal.wire.WriterLayoutReaderProperties.describe;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.plezi.jakarta.internal.connection.BenchSessions;

/**
 * The shortcut for the writer's own layout: what it reads (the same as the full reader), and what
 * it leaves to the full reader (anything else YAML allows, and everything the full reader refuses).
 */
class WriterLayoutReaderTest {
  private static final Limits LIMITS = Limits.defaults();
  private static final String SERVER = EnvelopeCodecTest.SERVER;

  private final EnvelopeCodec codec = new EnvelopeCodec();

  static Object read(String yaml) {
    return WriterLayoutReader.read(yaml, LIMITS);
  }

  static Object full(String yaml) {
    return new SafeYamlReader(LIMITS, SafeYamlReader.options(LIMITS)).read(yaml);
  }

  /** Reads the envelope with the shortcut and checks it against the full reader. */
  static Object readAsFull(String yaml) {
    Object value = read(yaml);
    assertThat(value).as("declined:%n%s", yaml).isNotSameAs(WriterLayoutReader.DECLINED);
    assertThat(describe(value)).isEqualTo(describe(full(yaml)));
    return value;
  }

  @Test
  void theDesignExampleAndTheBenchmarksBroadcastTakeTheShortcut() {
    assertThat(readAsFull(EnvelopeCodecTest.DESIGN_EXAMPLE))
        .isEqualTo(
            Map.of("method", "print", "data", List.of("Hi"), "type", "all", "server", SERVER));

    String broadcast =
        codec.encode(
            Envelope.broadcast(
                "org.plezi.bench.server.FanController",
                "fan",
                List.of(BenchSessions.payload(12_345, 987_654_321_000L)),
                SERVER));
    assertThat(broadcast).contains("- '{\"seq\":12345,");
    readAsFull(broadcast);
  }

  @Test
  void everyKindOfValueTheWriterWritesWithoutATagReadsAsTheFullReaderReadsIt() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("list", Arrays.asList(1, null, List.of(), Map.of(), List.of(List.of("a", "b"))));
    map.put("nested", Map.of("deeper", Map.of("k", "v")));
    map.put("none", null);
    List<Object> data =
        Arrays.asList(
            "plain words",
            "",
            "12",
            "true",
            "~",
            ":symbolish",
            "a: b",
            "x #y",
            " leading",
            "trailing ",
            "'quoted'",
            "\"double\"",
            "tab\tand\u0007bell\u0085\u2028\uFEFF\u0000",
            "é😀",
            "line\nbreaks",
            "one trailing\n",
            "two trailing\n\n",
            "  indented\nfirst",
            "second\n  indented",
            "blank\n\nline",
            12,
            -7,
            1L << 40,
            1.5,
            Double.NaN,
            Double.NEGATIVE_INFINITY,
            true,
            null,
            OffsetDateTime.parse("2024-05-01T10:20:30.123456789Z"),
            map,
            List.of(Map.of("a", List.of(1, 2), "b", "|-\nx")),
            Arrays.asList(Arrays.asList(null, "x\ny"), Map.of("k", "multi\nline\n")));
    Envelope envelope =
        new Envelope(
            "print", data, null, "target id", "to server", SERVER, Map.of("_pl_sent", 1L << 50));
    String yaml = codec.encode(envelope);

    readAsFull(yaml);
    assertThat(codec.decode(yaml)).isEqualTo(new Decoded.Message(envelope));
  }

  @Test
  void otherProgramsTextInTheSameLayoutTakesTheShortcutToo() {
    readAsFull(
        """
        ---
        method: print
        data:
        - Hi
        - - nested
          - 1:30
        - :"a b"
        - "\\x41\\u00e9\\U0001F600"
        - 'it''s'
        - a:b
        - key: value
          'quoted key': 0x1f
        - yes
        - 2001-12-14t21:59:43.10-05:00
        - 2020-13-45
        - ~
        - a:
        -
        type: all
        server: s
        """);
  }

  static Stream<String> outsideTheLayout() {
    String head = "---\n:method: :m\n:data:\n";
    String tail = ":type: :all\n:server: s\n";
    return Stream.of(
        // Not one document in the writer's frame.
        ":method: :m\n" + tail,
        "\uFEFF" + head + tail,
        head + tail.trim(),
        "---\n" + tail + "...\n",
        "---\n" + tail + "---\n:a: 1\n",
        "---\n",
        "--- :a\n",
        "---\n- a\n",
        // Comments, blank lines, tabs, carriage returns, characters the writer escapes.
        head + "- a # comment\n" + tail,
        head + "# comment\n- a\n" + tail,
        head + "- a\n\n" + tail,
        head + "- a\n  \n" + tail,
        head + "- a\tb\n" + tail,
        head.replace("\n", "\r\n") + tail,
        head + "- a\u0085b\n" + tail,
        head + "- a\u2028b\n" + tail,
        head + "- \uD800\n" + tail,
        // Tags, anchors, aliases, flow collections, explicit keys, folded scalars.
        head + "- !ruby/symbol x\n" + tail,
        head + "- !!str 1\n" + tail,
        head + "- &a x\n- *a\n" + tail,
        head + "- [a, b]\n" + tail,
        head + "- {a: 1}\n" + tail,
        head + "- [ ]\n" + tail,
        head + "- ? a\n  : b\n" + tail,
        head + "- >\n  folded\n" + tail,
        head + "- %x\n" + tail,
        head + "- @x\n" + tail,
        // Scalars YAML would end, continue or read otherwise than at the line's end.
        head + "- a\n  b\n" + tail,
        head + "- a\n b\n" + tail,
        head + "- a \n" + tail,
        head + "-  a\n" + tail,
        head + "- 'a\n  b'\n" + tail,
        head + "- \"a\n  b\"\n" + tail,
        head + "- 'a' \n" + tail,
        head + "- \"a\\\n  b\"\n" + tail,
        head + "- \"\\q\"\n" + tail,
        head + "- \"\\uD800\"\n" + tail,
        head + "- \"\\x4\"\n" + tail,
        head + "- a: b: c\n" + tail,
        head + "- - \n" + tail,
        head + "- -\n" + tail.replace(":type", "  x\n:type"),
        // Indentation the writer does not use.
        "---\n:method: :m\n:data:\n  - a\n" + tail,
        "---\n:method: :m\n:data:\n   :k: v\n" + tail,
        head + "-\n  a\n" + tail,
        head + "- :k: v\n   :j: w\n" + tail,
        head + "- :k: v\n - x\n" + tail,
        head + "- :k: v\n  - x\n" + tail,
        // Literal blocks other than the writer's.
        head + "- |2\n    x\n" + tail,
        head + "- |-2\n  x\n" + tail,
        head + "- |- # c\n  x\n" + tail,
        head + "- |-\n    x\n" + tail,
        head + "- |-\n\n  x\n" + tail,
        head + "- |-\n  x\n\n" + tail,
        head + "- |\n  x\n\n" + tail,
        head + "- |-\n  x \n" + tail,
        head + "- |-\n  x\n   \n  y\n" + tail,
        head + "- |-\n" + tail,
        // What the full reader refuses or reads its own way.
        head + "- x\n:method: :n\n" + tail,
        head + "- x\nmethod: n\n" + tail,
        head + "- 1" + "0".repeat(1_000) + "\n" + tail,
        head + "- :a: 1\n  <<: x\n" + tail,
        head + "- <<\n" + tail,
        head + "- " + "k".repeat(129) + ": v\n" + tail);
  }

  @ParameterizedTest
  @MethodSource("outsideTheLayout")
  void textOutsideTheWritersLayoutIsLeftToTheFullReader(String yaml) {
    assertThat(read(yaml)).as(yaml).isSameAs(WriterLayoutReader.DECLINED);
  }

  @Test
  void limitsAreLeftToTheFullReaderOneStepBeforeTheyApply() {
    String yaml = codec.encode(Envelope.multicast("m", List.of(List.of(List.of("deep"))), SERVER));
    // The envelope's mapping, data and two lists: four levels; twelve values, keys included.
    assertThat(WriterLayoutReader.read(yaml, LIMITS.withMaxDepth(5)))
        .isNotSameAs(WriterLayoutReader.DECLINED);
    assertThat(WriterLayoutReader.read(yaml, LIMITS.withMaxDepth(4)))
        .isSameAs(WriterLayoutReader.DECLINED);
    assertThat(WriterLayoutReader.read(yaml, LIMITS.withMaxNodes(12)))
        .isNotSameAs(WriterLayoutReader.DECLINED);
    assertThat(WriterLayoutReader.read(yaml, LIMITS.withMaxNodes(11)))
        .isSameAs(WriterLayoutReader.DECLINED);
    assertThat(new EnvelopeCodec(LIMITS.withMaxNodes(11)).decode(yaml))
        .isEqualTo(new Decoded.Rejected("more than 11 values"));
  }

  @Test
  void aDeclinedEnvelopeStillDecodesOnTheFullPath() {
    String yaml = EnvelopeCodecTest.DESIGN_EXAMPLE.replace("- Hi", "- Hi # a comment");

    assertThat(read(yaml)).isSameAs(WriterLayoutReader.DECLINED);
    assertThat(codec.decode(yaml))
        .isEqualTo(new Decoded.Message(Envelope.multicast("print", List.of("Hi"), SERVER)));
  }
}
