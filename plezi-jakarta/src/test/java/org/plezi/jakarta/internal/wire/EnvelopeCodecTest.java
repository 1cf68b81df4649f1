package org.plezi.jakarta.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The envelope format and how foreign input is read; the hostile input is in the safety test. */
@Timeout(60)
class EnvelopeCodecTest {
  static final String SERVER = "3b241101-e2bb-4255-8caf-4136c566a962";

  /** The literal example of shared/DESIGN.md, "Wire formats". */
  static final String DESIGN_EXAMPLE =
      """
      ---
      :method: :print
      :data:
      - Hi
      :type: :all
      :server: 3b241101-e2bb-4255-8caf-4136c566a962
      """;

  private final EnvelopeCodec codec = new EnvelopeCodec();

  Envelope message(String payload) {
    Decoded decoded = codec.decode(payload);
    assertThat(decoded).isInstanceOf(Decoded.Message.class);
    return ((Decoded.Message) decoded).envelope();
  }

  /** The data lines of a multicast carrying the one value. */
  String dataLines(Object value) {
    String yaml = codec.encode(Envelope.multicast("m", Arrays.asList(value), SERVER));
    return yaml.substring(yaml.indexOf(":data:\n") + 7, yaml.indexOf(":type:") - 1);
  }

  Object readBack(Object value) {
    return message(codec.encode(Envelope.multicast("m", Arrays.asList(value), SERVER)))
        .data()
        .get(0);
  }

  @Nested
  class DesignExample {
    @Test
    void aMulticastOfPrintHiEncodesToTheExampleByteForByte() {
      assertThat(codec.encode(Envelope.multicast("print", List.of("Hi"), SERVER)))
          .isEqualTo(DESIGN_EXAMPLE);
    }

    @Test
    void theExampleDecodesToThatMulticastAndEncodesBackIdentically() {
      Envelope envelope = message(DESIGN_EXAMPLE);

      assertThat(envelope).isEqualTo(Envelope.multicast("print", List.of("Hi"), SERVER));
      assertThat(codec.encode(envelope)).isEqualTo(DESIGN_EXAMPLE);
      assertThat(message(DESIGN_EXAMPLE.strip())).isEqualTo(envelope);
    }
  }

  @Nested
  class PlezisLayout {
    @Test
    void unicastKeysFollowPleziOrderAndExtraKeysComeLast() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("a", 1);
      map.put("b", List.of("x"));
      Envelope unicast =
          Envelope.unicast(
                  "5a0e3c1d-0000-4000-8000-000000000001",
                  "conn-7",
                  "chat",
                  Arrays.asList(List.of(1, 2), map, null, List.of(), Map.of()),
                  SERVER)
              .withExtra("reply", "yes");

      String yaml = codec.encode(unicast);

      assertThat(yaml)
          .isEqualTo(
              """
          ---
          :method: :chat
          :data:
          - - 1
            - 2
          - :a: 1
            :b:
            - x
          -
          - []
          - {}
          :target: conn-7
          :to_server: 5a0e3c1d-0000-4000-8000-000000000001
          :server: 3b241101-e2bb-4255-8caf-4136c566a962
          :reply: 'yes'
          """);
      assertThat(message(yaml)).isEqualTo(unicast);
    }

    @Test
    void aClassBroadcastNamesItsClusterNameAsAStringLikePlezi() {
      Envelope broadcast = Envelope.broadcast("org.example.Chat", "print", List.of(), SERVER);

      assertThat(codec.encode(broadcast))
          .contains(":data: []\n:type: org.example.Chat\n:server: " + SERVER + "\n");
    }

    @Test
    void aRubyPleziUnicastCarryingTypeAllIsStillAUnicast() {
      Envelope envelope =
          message(
              """
          ---
          :method: :chat
          :data:
          - hello
          :target: 7f3a
          :to_server: 5a0e3c1d-0000-4000-8000-000000000001
          :type: :all
          :server: 3b241101-e2bb-4255-8caf-4136c566a962
          """);

      assertThat(envelope.isUnicast()).isTrue();
      assertThat(envelope.isMulticast()).isFalse();
      assertThat(envelope.type()).isEqualTo("all");
      assertThat(envelope.target()).isEqualTo("7f3a");
    }

    @ParameterizedTest
    @MethodSource("org.plezi.jakarta.internal.wire.EnvelopeCodecTest#scalars")
    void scalarsAreWrittenAsPsychWritesThemAndReadBack(Object value, String line, Object back) {
      assertThat(dataLines(value)).isEqualTo(line);
      assertThat(readBack(value)).isEqualTo(back);
    }

    @ParameterizedTest
    @MethodSource("org.plezi.jakarta.internal.wire.EnvelopeCodecTest#strings")
    void stringsAreQuotedOnlyWhereAReaderWouldTakeThemForSomethingElse(String value, String line) {
      assertThat(dataLines(value)).isEqualTo(line);
      assertThat(readBack(value)).isEqualTo(value);
    }

    @Test
    void multiLineStringsAreLiteralBlocksChompedByTheirTrailingNewlines() {
      assertThat(dataLines("a\nb")).isEqualTo("- |-\n  a\n  b");
      assertThat(dataLines("a\n")).isEqualTo("- |\n  a");
      assertThat(dataLines("a\n\n")).isEqualTo("- |+\n  a\n");
      assertThat(dataLines(" a\nb")).isEqualTo("- \" a\\nb\"");
      for (String text : List.of("a\nb", "a\n", "a\n\n", " a\nb", "a \nb", "a\n\n  b\n")) {
        assertThat(readBack(text)).isEqualTo(text);
      }
    }

    @Test
    void aSetIsARubySetObjectWhoseHashMapsEachElementToTrue() {
      Set<Object> set = new LinkedHashSet<>(List.of(1, "two"));

      assertThat(dataLines(set))
          .isEqualTo("- !ruby/object:Set\n  hash:\n    1: true\n    two: true");
      assertThat(dataLines(Set.of())).isEqualTo("- !ruby/object:Set\n  hash: {}");
      assertThat(readBack(set)).isEqualTo(set);
    }

    @Test
    void mapKeysAreSymbolsTaggedWhereAPlainSymbolWouldNotReadBack() {
      Map<Object, Object> map = new LinkedHashMap<>();
      map.put("and", "hash");
      map.put("x: y", 1);
      map.put("", 2);
      map.put(3, "three");
      map.put(null, "nothing");

      assertThat(dataLines(map))
          .isEqualTo(
              """
          - :and: hash
            !ruby/symbol "x: y": 1
            !ruby/symbol "": 2
            3: three
            ~: nothing""");
      assertThat(readBack(map)).isEqualTo(map);
    }

    @Test
    void keysLongerThan128BytesAreExplicitEntries() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("k".repeat(2000), List.of(1));
      map.put("short", "v");

      assertThat(dataLines(map)).isEqualTo("- ? :" + "k".repeat(2000) + "\n  : - 1\n  :short: v");
      assertThat(readBack(map)).isEqualTo(map);
    }
  }

  static Stream<Arguments> scalars() {
    Instant instant = Instant.parse("2020-01-02T03:04:05.123456789Z");
    OffsetDateTime paris = OffsetDateTime.parse("2020-07-02T03:04:05+02:00");
    return Stream.of(
        Arguments.of(42, "- 42", 42),
        Arguments.of(5L, "- 5", 5),
        Arguments.of(1L << 40, "- 1099511627776", 1L << 40),
        Arguments.of(BigInteger.TEN.pow(30), "- 1" + "0".repeat(30), BigInteger.TEN.pow(30)),
        Arguments.of(1.5, "- 1.5", 1.5),
        Arguments.of(100.0, "- 100.0", 100.0),
        Arguments.of(1e20, "- 1.0e+20", 1e20),
        Arguments.of(1.25e-5, "- 1.25e-05", 1.25e-5),
        Arguments.of(-0.0, "- -0.0", -0.0),
        Arguments.of(0.1f, "- 0.1", 0.1),
        Arguments.of(Double.NaN, "- .nan", Double.NaN),
        Arguments.of(Double.NEGATIVE_INFINITY, "- -.inf", Double.NEGATIVE_INFINITY),
        Arguments.of(
            new BigDecimal("1.50"), "- !ruby/object:BigDecimal 18:1.50", new BigDecimal("1.50")),
        Arguments.of(true, "- true", true),
        Arguments.of(null, "-", null),
        Arguments.of(
            instant, "- 2020-01-02 03:04:05.123456789 Z", instant.atOffset(ZoneOffset.UTC)),
        Arguments.of(paris, "- 2020-07-02 03:04:05.000000000 +02:00", paris),
        Arguments.of(
            paris.atZoneSameInstant(ZoneId.of("Europe/Paris")),
            "- 2020-07-02 03:04:05.000000000 +02:00",
            paris),
        Arguments.of(LocalDate.of(2020, 1, 2), "- 2020-01-02", LocalDate.of(2020, 1, 2)));
  }

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of("Hi", "- Hi"),
        Arguments.of("it's fine", "- it's fine"),
        Arguments.of("é中😀", "- é中😀"),
        Arguments.of(":foo", "- \":foo\""),
        Arguments.of("true", "- 'true'"),
        Arguments.of("yes", "- 'yes'"),
        Arguments.of("1", "- '1'"),
        Arguments.of("1,000", "- '1,000'"),
        Arguments.of("1e5", "- '1e5'"),
        Arguments.of("~", "- \"~\""),
        Arguments.of("null", "- 'null'"),
        Arguments.of("2020-01-01", "- '2020-01-01'"),
        Arguments.of("2020-01-01 10:00:00 Z", "- '2020-01-01 10:00:00 Z'"),
        Arguments.of("", "- ''"),
        Arguments.of(" lead", "- \" lead\""),
        Arguments.of("trail ", "- 'trail '"),
        Arguments.of("- x", "- \"- x\""),
        Arguments.of("k: v", "- 'k: v'"),
        Arguments.of("x #y", "- 'x #y'"),
        Arguments.of("\"quoted\"", "- '\"quoted\"'"),
        Arguments.of("<<", "- \"<<\""),
        Arguments.of("tab\there", "- \"tab\\there\""),
        Arguments.of("nul\u0000", "- \"nul\\0\""),
        Arguments.of("bell\u0007\u0085\u2028\uFEFF", "- \"bell\\a\\N\\L\\uFEFF\""),
        Arguments.of("cr\r\n", "- \"cr\\r\\n\""));
  }

  @Nested
  class Reading {
    @Test
    void plainStringKeysAndStringValuesAreAcceptedForPublishersWithoutSymbols() {
      Envelope envelope =
          message(
              """
          method: print
          data:
          - Hi
          type: all
          server: 3b241101-e2bb-4255-8caf-4136c566a962
          """);

      assertThat(envelope).isEqualTo(Envelope.multicast("print", List.of("Hi"), SERVER));
    }

    @Test
    void aMissingOrNullDataMeansNoArguments() {
      assertThat(message("{method: ping, type: all, server: s}").data()).isEmpty();
      assertThat(message("{method: ping, data: ~, type: all, server: s}").data()).isEmpty();
    }

    @Test
    void symbolsReadAsTheirNamesWhileQuotedOrTaggedStringsStayStrings() {
      Envelope envelope =
          message(
              """
          ---
          :method: :print
          :data:
          - :foo
          - :"a b"
          - !ruby/symbol bar
          - !ruby/sym baz
          - ':quoted'
          - !!str :tagged
          - :and: :hash
          :type: :all
          :server: s
          """);

      assertThat(envelope.data())
          .containsExactly("foo", "a b", "bar", "baz", ":quoted", ":tagged", Map.of("and", "hash"));
    }

    @Test
    void rubyAndYamlTypesReadAsSafeJavaValues() {
      Envelope envelope =
          message(
              """
          ---
          :method: :print
          :data:
          - !ruby/object:Set
            hash:
              a: true
          - !!set {b: ~}
          - !ruby/object:BigDecimal 27:0.1e1
          - !ruby/object:DateTime 2020-01-02 03:04:05.5 -05:30
          - 2001-12-14t21:59:43.10-05:00
          - 2001-12-15 2:59:43.10
          - 2002-12-14
          - !binary |-
            aGk=
          - [0x1f, 0b101, 017, 1_000, '1:30', 1:30, -.inf, 1.5e3, yes, off, ~, null, '']
          :type: :all
          :server: s
          """);

      List<Object> data = envelope.data();
      assertThat(data.get(0)).isEqualTo(Set.of("a"));
      assertThat(data.get(1)).isEqualTo(Set.of("b"));
      assertThat(data.get(2)).isEqualTo(new BigDecimal("0.1e1"));
      assertThat(data.get(3)).isEqualTo(OffsetDateTime.parse("2020-01-02T03:04:05.5-05:30"));
      assertThat(data.get(4)).isEqualTo(OffsetDateTime.parse("2001-12-14T21:59:43.10-05:00"));
      assertThat(data.get(5)).isEqualTo(OffsetDateTime.parse("2001-12-15T02:59:43.10Z"));
      assertThat(data.get(6)).isEqualTo(LocalDate.of(2002, 12, 14));
      assertThat((byte[]) data.get(7)).containsExactly('h', 'i');
      assertThat(data.get(8))
          .isEqualTo(
              Arrays.asList(
                  31,
                  5,
                  15,
                  1000,
                  "1:30",
                  90,
                  Double.NEGATIVE_INFINITY,
                  1500.0,
                  true,
                  false,
                  null,
                  null,
                  ""));
    }

    @Test
    void aPlainScalarThatOnlyLooksLikeATimeStaysAString() {
      assertThat(codec.decode("2020-13-45"))
          .isEqualTo(new Decoded.Foreign("2020-13-45", "2020-13-45"));
    }

    @Test
    void valuesReadBackInTheirCanonicalForms() {
      assertThat(readBack(7L)).isEqualTo(7);
      assertThat(readBack((short) 7)).isEqualTo(7);
      assertThat(readBack(1L << 40)).isEqualTo(1L << 40);
      assertThat(readBack(0.5f)).isEqualTo(0.5);
      assertThat(readBack(List.of(new ArrayList<>(List.of(1))))).isEqualTo(List.of(List.of(1)));
    }

    @Test
    void yamlThatIsNotAnEnvelopeIsForeignWithItsValue() {
      String json = "{\"event\": \"chat\", \"text\": \"hi\"}";

      assertThat(codec.decode(json))
          .isEqualTo(new Decoded.Foreign(Map.of("event", "chat", "text", "hi"), json));
      assertThat(codec.decode("- 1\n- x\n"))
          .isEqualTo(new Decoded.Foreign(List.of(1, "x"), "- 1\n- x\n"));
      assertThat(codec.decode("42")).isEqualTo(new Decoded.Foreign(42, "42"));
      assertThat(codec.decode("")).isEqualTo(new Decoded.Foreign(null, ""));
      assertThat(codec.decode("{:server: x, :data: []}")).isInstanceOf(Decoded.Foreign.class);
    }

    @Test
    void plainTextIsForeignAsAString() {
      assertThat(codec.decode("hello world"))
          .isEqualTo(new Decoded.Foreign("hello world", "hello world"));
    }

    @Test
    void textThatIsNotYamlIsForeignWithTheRawTextAsItsValue() {
      for (String raw :
          List.of(
              "a: b: c",
              "{ unclosed",
              "--- a\n--- b\n",
              "bell\u0007",
              "[:symbol, in, flow]",
              "*undefined_alias",
              "!e!tag x")) {
        assertThat(codec.decode(raw)).isEqualTo(new Decoded.Foreign(raw, raw));
      }
    }
  }

  @Nested
  class Writing {
    @Test
    void valuesOfOtherTypesAreRefusedNeverSerializedAsBeans() {
      for (Object value :
          List.of(
              URI.create("http://x"),
              new Object(),
              Optional.of(1),
              LocalDateTime.now(),
              new byte[] {1},
              'c',
              new StringBuilder("x"))) {
        assertThatThrownBy(() -> codec.encode(Envelope.multicast("m", List.of(value), SERVER)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(value.getClass().getName());
      }
      Map<Object, Object> listKey = Map.of(List.of(1), 1);
      assertThatThrownBy(() -> codec.encode(Envelope.multicast("m", List.of(listKey), SERVER)))
          .hasMessageContaining("must be scalars");
    }

    @Test
    void stringsWithUnpairedSurrogatesAndTimesBeyondFourDigitYearsAreRefused() {
      for (Object value :
          List.of(
              "bad\uD800",
              LocalDate.of(10_000, 1, 1),
              OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
              OffsetDateTime.of(1960, 1, 1, 0, 0, 0, 0, ZoneOffset.ofTotalSeconds(-2670)))) {
        assertThatThrownBy(() -> codec.encode(Envelope.multicast("m", List.of(value), SERVER)))
            .isInstanceOf(IllegalArgumentException.class);
      }
      Envelope badKey = Envelope.multicast("m", List.of(), SERVER).withExtra("\uDC00", 1);
      assertThatThrownBy(() -> codec.encode(badKey)).hasMessageContaining("surrogate");
    }

    @Test
    void aListThatContainsItselfIsRefusedByTheDepthLimit() {
      List<Object> cyclic = new ArrayList<>();
      cyclic.add(cyclic);

      assertThatThrownBy(() -> codec.encode(Envelope.multicast("m", List.of(cyclic), SERVER)))
          .hasMessageContaining("nesting deeper than 64");
    }

    @Test
    void whatTheLimitsWouldRejectOnReadingIsRefusedOnWriting() {
      Limits roomy = new Limits(1 << 20, 64, 50, 1000);
      EnvelopeCodec fewBytes = new EnvelopeCodec(roomy.withMaxPayloadBytes(200));
      EnvelopeCodec shallow = new EnvelopeCodec(roomy.withMaxDepth(4));
      EnvelopeCodec fewValues = new EnvelopeCodec(roomy.withMaxNodes(10));

      List<Object> wide = List.of("é".repeat(90));
      assertThatThrownBy(() -> fewBytes.encode(Envelope.multicast("m", wide, "s")))
          .hasMessageContaining("exceeds 200 bytes");
      // The root mapping and data are two levels: three more are one too many.
      List<Object> threeDeep = List.of(List.of(List.of()));
      assertThatThrownBy(() -> shallow.encode(Envelope.multicast("m", List.of(threeDeep), "s")))
          .hasMessageContaining("nesting deeper than 4");
      String fourLevels = shallow.encode(Envelope.multicast("m", threeDeep, "s"));
      assertThat(shallow.decode(fourLevels)).isInstanceOf(Decoded.Message.class);
      List<Object> five = List.of(1, 2, 3, 4, 5);
      assertThatThrownBy(() -> fewValues.encode(Envelope.multicast("m", five, "s")))
          .hasMessageContaining("more than 10 values");
      assertThatThrownBy(
              () ->
                  codec.encode(
                      Envelope.multicast(
                          "m", List.of(BigInteger.TEN.pow(CoreScalars.MAX_NUMBER_CHARS)), "s")))
          .hasMessageContaining("number longer than");
    }

    @Test
    void oneCodecServesManyThreadsAtOnce() throws Exception {
      Envelope envelope = Envelope.multicast("m", List.of(Map.of("k", List.of(1, "x"))), SERVER);
      String expected = codec.encode(envelope);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          Callable<Boolean> task =
              () -> {
                start.await();
                for (int i = 0; i < 500; i++) {
                  String yaml = codec.encode(envelope);
                  Decoded back = codec.decode(yaml);
                  if (!yaml.equals(expected) || !back.equals(new Decoded.Message(envelope))) {
                    return false;
                  }
                }
                return true;
              };
          results.add(pool.submit(task));
        }
        start.countDown();
        for (Future<Boolean> result : results) {
          assertThat(result.get()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
