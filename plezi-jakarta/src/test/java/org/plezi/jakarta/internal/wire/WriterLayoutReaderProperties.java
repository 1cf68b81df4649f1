package org.plezi.jakarta.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.StringArbitrary;
import net.jqwik.api.constraints.IntRange;

/**
 * Edge cases are off: the generators nest deeply enough that jqwik's combinations of them fill the
 * heap, and random samples already reach the edges through the token lists.
 *
 * <p>The shortcut reader gives exactly what {@link SafeYamlReader} gives, or declines: for
 * everything {@link YamlWriter} writes (and then it must not decline unless the text holds a tag or
 * an explicit key), for that text damaged in many ways, and for random text.
 */
class WriterLayoutReaderProperties {
  /** Round trips are about the format: the payload bound is lifted so large samples fit. */
  private static final Limits LIMITS = Limits.defaults().withMaxPayloadBytes(64 << 20);

  /** A line whose first node is a tag or an explicit key, which the shortcut leaves alone. */
  private static final Pattern TAG_OR_EXPLICIT_KEY =
      Pattern.compile("(?m)(^|[ :-] )(!|\\? )|^ *(- )*\\? ");

  private final EnvelopeCodec codec = new EnvelopeCodec(LIMITS);
  private final EnvelopeRoundTripProperties samples = new EnvelopeRoundTripProperties();

  @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
  void whatTheWriterWritesReadsAsTheFullReaderReadsIt(@ForAll("envelopes") Envelope envelope) {
    String yaml = codec.encode(envelope);

    Object shortcut = WriterLayoutReader.read(yaml, LIMITS);

    if (!TAG_OR_EXPLICIT_KEY.matcher(yaml).find()) {
      assertThat(shortcut).as("declined:%n%s", yaml).isNotSameAs(WriterLayoutReader.DECLINED);
    }
    assertSameAsFullReader(yaml, shortcut);
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
  void envelopesOfCommonValuesAreNeverDeclined(@ForAll("plainEnvelopes") Envelope envelope) {
    String yaml = codec.encode(envelope);

    Object shortcut = WriterLayoutReader.read(yaml, LIMITS);

    assertThat(shortcut).as("declined:%n%s", yaml).isNotSameAs(WriterLayoutReader.DECLINED);
    assertSameAsFullReader(yaml, shortcut);
    assertThat(codec.decode(yaml)).isEqualTo(new Decoded.Message(envelope));
  }

  @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
  void damagedTextIsDeclinedOrReadAsTheFullReaderReadsIt(
      @ForAll("plainEnvelopes") Envelope envelope,
      @ForAll("damage") List<Damage> damage,
      @ForAll @IntRange(max = 1_000_000) int seed) {
    String yaml = codec.encode(envelope);
    for (int i = 0; i < damage.size(); i++) {
      yaml = damage.get(i).apply(yaml, seed * 31 + i * 7919);
    }

    assertSameAsFullReader(yaml, WriterLayoutReader.read(yaml, LIMITS));
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
  void randomTextIsDeclinedOrReadAsTheFullReaderReadsIt(@ForAll("documents") String text) {
    assertSameAsFullReader(text, WriterLayoutReader.read(text, LIMITS));
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void tightLimitsAreLeftToTheFullReader(
      @ForAll("plainEnvelopes") Envelope envelope,
      @ForAll @IntRange(min = 1, max = 6) int depth,
      @ForAll @IntRange(min = 1, max = 40) int values) {
    String yaml = codec.encode(envelope);
    Limits tight = LIMITS.withMaxDepth(depth).withMaxNodes(values);

    assertSameAsFullReader(yaml, WriterLayoutReader.read(yaml, tight), tight);
  }

  static void assertSameAsFullReader(String text, Object shortcut) {
    assertSameAsFullReader(text, shortcut, LIMITS);
  }

  static void assertSameAsFullReader(String text, Object shortcut, Limits limits) {
    if (shortcut == WriterLayoutReader.DECLINED) {
      return;
    }
    Object full;
    try {
      full = new SafeYamlReader(limits, SafeYamlReader.options(limits)).read(text);
    } catch (RuntimeException e) {
      fail("the shortcut read %s but the full reader threw %s for:%n%s", shortcut, e, text);
      return;
    }
    assertThat(describe(shortcut)).as("read from:%n%s", text).isEqualTo(describe(full));
  }

  /** A value with every class, order and content spelled out, for comparisons equals glosses. */
  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(value.getClass().getName());
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      map.forEach((k, v) -> out.append(describe(k)).append('=').append(describe(v)).append(", "));
      return out.append('}').toString();
    }
    if (value instanceof List<?> || value instanceof Set<?>) {
      out.append('[');
      ((Iterable<?>) value).forEach(v -> out.append(describe(v)).append(", "));
      return out.append(']').toString();
    }
    if (value instanceof byte[] bytes) {
      return out.append(Arrays.toString(bytes)).toString();
    }
    return out.append('<').append(value).append('>').toString();
  }

  @Provide
  Arbitrary<Envelope> envelopes() {
    return samples.envelopes();
  }

  /** Envelopes of strings, numbers, booleans, null, lists and maps with symbol keys. */
  @Provide
  Arbitrary<Envelope> plainEnvelopes() {
    StringArbitrary names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1);
    Arbitrary<String> ids = samples.strings().filter(s -> !s.isEmpty() && s.length() <= 255);
    Arbitrary<List<Object>> data = value(3).list().ofMaxSize(5);
    Arbitrary<Map<String, Object>> extra =
        Arbitraries.maps(
                Arbitraries.oneOf(names.ofMaxLength(12).map(n -> "_pl_" + n), names.ofMaxLength(8)),
                value(1))
            .ofMaxSize(3)
            .filter(m -> m.keySet().stream().noneMatch(Envelope.RESERVED_KEYS::contains));
    Arbitrary<Envelope> base =
        Arbitraries.oneOf(
            Combinators.combine(names.ofMaxLength(20), data, ids).as(Envelope::multicast),
            Combinators.combine(
                    ids.filter(name -> !name.equals(Envelope.TYPE_ALL)),
                    names.ofMaxLength(20),
                    data,
                    ids)
                .as(Envelope::broadcast),
            Combinators.combine(ids, ids, names.ofMaxLength(20), data, ids).as(Envelope::unicast));
    return Combinators.combine(base, extra)
        .as(
            (envelope, more) ->
                new Envelope(
                    envelope.method(),
                    envelope.data(),
                    envelope.type(),
                    envelope.target(),
                    envelope.toServer(),
                    envelope.server(),
                    more));
  }

  /** Lists and maps (symbol-word keys) of strings, numbers, booleans, times and null. */
  private Arbitrary<Object> value(int depth) {
    Arbitrary<Object> scalars =
        Arbitraries.oneOf(
            samples.strings().asGeneric(),
            samples.strings().asGeneric(),
            Arbitraries.integers().asGeneric(),
            Arbitraries.longs()
                .filter(l -> l < Integer.MIN_VALUE || l > Integer.MAX_VALUE)
                .asGeneric(),
            Arbitraries.longs().map(Double::longBitsToDouble).asGeneric(),
            Arbitraries.of(true, false).asGeneric(),
            Arbitraries.just(null),
            Arbitraries.of("", "1", "1.5", "true", "~", ":x", "- a", "a: b", "#", "'", "\"")
                .asGeneric());
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<Object> inner = value(depth - 1);
    Arbitrary<Object> keys =
        Arbitraries.frequencyOf(
            Tuple.of(
                4, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)),
            Tuple.of(1, Arbitraries.integers().between(-5, 5)),
            Tuple.of(1, Arbitraries.of(true, false)));
    return Arbitraries.frequencyOf(
        Tuple.of(5, scalars),
        Tuple.of(1, inner.list().ofMaxSize(4).map(list -> (Object) list)),
        Tuple.of(1, Arbitraries.maps(keys, inner).ofMaxSize(4).map(map -> (Object) map)));
  }

  @Provide
  Arbitrary<List<Damage>> damage() {
    return Arbitraries.of(Damage.values()).list().ofMinSize(1).ofMaxSize(3);
  }

  /**
   * Lines in and around the writer's layout: random indentation, entry indicators, keys and
   * YAML-significant scalars, after {@code ---} and a method.
   */
  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            samples.yamlish(),
            Arbitraries.of(
                "a", "1", "-1", "1.5", "~", "true", ":s", "'q'", "\"d\"", "[]", "{}", "|-"));
    Arbitrary<String> key = Arbitraries.of(":k", ":j", "k", "1", "'k'", "\"j\"", "~", ":k:x");
    Arbitrary<String> line =
        Combinators.combine(
                Arbitraries.of("", "", "  ", "  ", "    ", " ", "   "),
                Arbitraries.of("", "- ", "- - ", "-"),
                Arbitraries.oneOf(
                    scalar,
                    Combinators.combine(key, scalar).as((k, v) -> k + ": " + v),
                    key.map(k -> k + ":")))
            .as((indent, dashes, body) -> indent + dashes + body);
    return line.list()
        .ofMinSize(1)
        .ofMaxSize(8)
        .map(lines -> "---\n:method: :m\n:data:\n" + String.join("\n", lines) + "\n");
  }

  /** Ways to damage a document; {@code seed} picks where. */
  enum Damage {
    INSERT_TOKEN {
      @Override
      String apply(String yaml, int seed) {
        String token = TOKENS.get(Math.floorMod(seed, TOKENS.size()));
        int at = Math.floorMod(seed / 7, yaml.length() + 1);
        return yaml.substring(0, at) + token + yaml.substring(at);
      }
    },
    DELETE_CHAR {
      @Override
      String apply(String yaml, int seed) {
        if (yaml.isEmpty()) {
          return yaml;
        }
        int at = Math.floorMod(seed, yaml.length());
        return yaml.substring(0, at) + yaml.substring(at + 1);
      }
    },
    REPLACE_CHAR {
      @Override
      String apply(String yaml, int seed) {
        if (yaml.isEmpty()) {
          return yaml;
        }
        int at = Math.floorMod(seed, yaml.length());
        String chars = " \n:-'\"#|+>&*!?[]{},~0a\t\r";
        char c = chars.charAt(Math.floorMod(seed / 13, chars.length()));
        return yaml.substring(0, at) + c + yaml.substring(at + 1);
      }
    },
    INDENT_LINE {
      @Override
      String apply(String yaml, int seed) {
        List<String> lines = lines(yaml);
        int at = Math.floorMod(seed, lines.size());
        lines.set(at, " ".repeat(1 + Math.floorMod(seed / 5, 4)) + lines.get(at));
        return String.join("\n", lines);
      }
    },
    DEDENT_LINE {
      @Override
      String apply(String yaml, int seed) {
        List<String> lines = lines(yaml);
        int at = Math.floorMod(seed, lines.size());
        String line = lines.get(at);
        lines.set(at, line.startsWith(" ") ? line.substring(1) : line);
        return String.join("\n", lines);
      }
    },
    DUPLICATE_LINE {
      @Override
      String apply(String yaml, int seed) {
        List<String> lines = lines(yaml);
        int at = Math.floorMod(seed, lines.size());
        lines.add(at, lines.get(at));
        return String.join("\n", lines);
      }
    },
    DROP_LINE {
      @Override
      String apply(String yaml, int seed) {
        List<String> lines = lines(yaml);
        lines.remove(Math.floorMod(seed, lines.size()));
        return String.join("\n", lines);
      }
    },
    SWAP_LINES {
      @Override
      String apply(String yaml, int seed) {
        List<String> lines = lines(yaml);
        int a = Math.floorMod(seed, lines.size());
        int b = Math.floorMod(seed / 3, lines.size());
        String line = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, line);
        return String.join("\n", lines);
      }
    },
    APPEND_TO_LINE {
      @Override
      String apply(String yaml, int seed) {
        List<String> lines = lines(yaml);
        int at = Math.floorMod(seed, lines.size());
        lines.set(at, lines.get(at) + TOKENS.get(Math.floorMod(seed / 11, TOKENS.size())));
        return String.join("\n", lines);
      }
    },
    CUT_AT {
      @Override
      String apply(String yaml, int seed) {
        return yaml.substring(0, Math.floorMod(seed, yaml.length() + 1));
      }
    };

    private static final List<String> TOKENS =
        List.of(
            " ",
            "  ",
            "\n",
            "\n\n",
            ":",
            ": ",
            " #",
            "#",
            "-",
            "- ",
            "'",
            "''",
            "\"",
            "\\",
            "|",
            "|-",
            "|+",
            "|2",
            ">",
            "&a ",
            "*a",
            "!",
            "!!str ",
            "? ",
            "[",
            "]",
            "{",
            "}",
            ",",
            "~",
            "---",
            "...",
            "%",
            "@",
            "`",
            "\t",
            "\r",
            "\r\n",
            "\u0085",
            "\u2028",
            "\uFEFF",
            "\u0000",
            "é",
            "😀",
            "\uD800",
            "1",
            "0x1",
            "1:2",
            "yes",
            "null",
            "<<",
            "=",
            ":x",
            "\\x41",
            "\\u00e9",
            "\\U0001F600",
            "\\q",
            "\\uD800",
            "\\ ",
            "\\/");

    abstract String apply(String yaml, int seed);

    static List<String> lines(String yaml) {
      return new ArrayList<>(Arrays.asList(yaml.split("\n", -1)));
    }
  }
}
