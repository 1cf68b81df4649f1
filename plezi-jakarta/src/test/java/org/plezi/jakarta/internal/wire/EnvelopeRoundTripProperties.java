package org.plezi.jakarta.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Any envelope whose data are nested values in their canonical forms (see {@link EnvelopeCodec})
 * reads back equal to itself, and no text at all makes {@link EnvelopeCodec#decode} throw.
 */
class EnvelopeRoundTripProperties {
  private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
  private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  /** Pieces that matter to YAML and Psych, so that generated strings hit the quoting rules. */
  private static final List<String> TOKENS =
      List.of(
          ":",
          "-",
          " ",
          "\n",
          "#",
          "'",
          "\"",
          "a",
          "1",
          "0x",
          ".",
          "~",
          "!",
          "&",
          "*",
          "?",
          "|",
          ">",
          "{",
          "}",
          "[",
          "]",
          ",",
          "%",
          "@",
          "`",
          "\t",
          "\r",
          "e",
          "+",
          "_",
          "<<",
          "yes",
          "null",
          "---",
          "...",
          "é",
          "😀",
          "\u0085",
          "\u2028",
          "\uFEFF",
          "\u0000",
          "\u007F",
          "2020-01-01",
          " 10:00:00",
          "\\",
          "=");

  /** Round trips are about the format: the payload bound is lifted so large samples fit. */
  private final EnvelopeCodec codec =
      new EnvelopeCodec(Limits.defaults().withMaxPayloadBytes(64 << 20));

  @Property(tries = 500)
  void everyEnvelopeReadsBackEqualToItself(@ForAll("envelopes") Envelope envelope) {
    String yaml = codec.encode(envelope);

    assertThat(codec.decode(yaml)).isEqualTo(new Decoded.Message(envelope));
  }

  @Property(tries = 500)
  void everyStringDecodesWithoutThrowing(@ForAll("noise") String text) {
    assertThat(codec.decode(text)).isNotNull();
  }

  @Property(tries = 300)
  void damagedEnvelopesDecodeWithoutThrowing(
      @ForAll("envelopes") Envelope envelope,
      @ForAll("yamlish") String insert,
      @ForAll @IntRange(max = 1_000_000) int where) {
    String yaml = codec.encode(envelope);
    int at = where % (yaml.length() + 1);

    assertThat(codec.decode(yaml.substring(0, at) + insert + yaml.substring(at))).isNotNull();
  }

  @Provide
  Arbitrary<Envelope> envelopes() {
    Arbitrary<String> ids = strings().filter(s -> !s.isEmpty() && s.length() <= 255);
    Arbitrary<String> methods =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(30),
            Arbitraries.of("print", "naïve_$1", "_", "m".repeat(255)));
    Arbitrary<List<Object>> data = value(3).list().ofMaxSize(5);
    Arbitrary<Map<String, Object>> extra =
        Arbitraries.maps(ids.filter(key -> !Envelope.RESERVED_KEYS.contains(key)), value(1))
            .ofMaxSize(2);
    Arbitrary<Envelope> multicasts =
        Combinators.combine(methods, data, ids).as(Envelope::multicast);
    Arbitrary<Envelope> broadcasts =
        Combinators.combine(ids.filter(name -> !name.equals(Envelope.TYPE_ALL)), methods, data, ids)
            .as(Envelope::broadcast);
    Arbitrary<Envelope> unicasts =
        Combinators.combine(ids, ids, methods, data, ids).as(Envelope::unicast);
    return Combinators.combine(Arbitraries.oneOf(multicasts, broadcasts, unicasts), extra)
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

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.oneOf(strings(), Arbitraries.strings().all().ofMaxLength(50));
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.of(TOKENS).list().ofMaxSize(6).map(parts -> String.join("", parts));
  }

  /** Values nested at most {@code depth} collections deep. */
  private Arbitrary<Object> value(int depth) {
    if (depth == 0) {
      return scalars();
    }
    Arbitrary<Object> inner = value(depth - 1);
    return Arbitraries.frequencyOf(
        Tuple.of(6, scalars()),
        Tuple.of(1, inner.list().ofMaxSize(4).map(list -> (Object) list)),
        Tuple.of(1, Arbitraries.maps(keys(), inner).ofMaxSize(4).map(map -> (Object) map)),
        Tuple.of(1, keys().set().ofMaxSize(4).map(set -> (Object) set)));
  }

  /** Scalars as decode returns them: the narrowest integer type, Double, OffsetDateTime. */
  private Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(
        strings().asGeneric(),
        Arbitraries.integers().asGeneric(),
        Arbitraries.longs().filter(l -> l < Integer.MIN_VALUE || l > Integer.MAX_VALUE).asGeneric(),
        Arbitraries.bigIntegers()
            .between(BigInteger.TWO.pow(63), BigInteger.TWO.pow(300))
            .map(big -> (Object) big),
        Arbitraries.bigIntegers()
            .between(
                BigInteger.TWO.pow(300).negate(),
                BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE))
            .map(big -> (Object) big),
        Arbitraries.longs().map(Double::longBitsToDouble).asGeneric(),
        Arbitraries.of(
                Double.NaN,
                Double.POSITIVE_INFINITY,
                -0.0,
                1e15,
                1e16,
                1e-4,
                1e-5,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                0.1,
                100.0)
            .asGeneric(),
        Combinators.combine(
                Arbitraries.bigIntegers()
                    .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)),
                Arbitraries.integers().between(-60, 60))
            .as(BigDecimal::new)
            .asGeneric(),
        Arbitraries.of(true, false).asGeneric(),
        Arbitraries.just(null),
        dates().asGeneric(),
        times().asGeneric());
  }

  /** Keys and Set elements: scalars of every kind, strings most often. */
  private Arbitrary<Object> keys() {
    return Arbitraries.frequencyOf(Tuple.of(4, strings().asGeneric()), Tuple.of(2, scalars()));
  }

  /** Arbitrary code points (no lone surrogates), YAML-significant fragments, and long strings. */
  Arbitrary<String> strings() {
    Arbitrary<String> codePoints =
        Arbitraries.integers()
            .between(0, Character.MAX_CODE_POINT)
            .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
            .list()
            .ofMaxSize(12)
            .map(
                cps ->
                    new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    return Arbitraries.frequencyOf(
        Tuple.of(3, codePoints),
        Tuple.of(4, yamlish()),
        Tuple.of(2, Arbitraries.strings().alpha().numeric().ofMaxLength(12)),
        Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(129).ofMaxLength(1100)));
  }

  private Arbitrary<LocalDate> dates() {
    return Arbitraries.longs().between(FIRST_DAY, LAST_DAY).map(LocalDate::ofEpochDay);
  }

  private Arbitrary<OffsetDateTime> times() {
    return Combinators.combine(
            dates(),
            Arbitraries.longs().between(0, LocalTime.MAX.toNanoOfDay()),
            Arbitraries.integers().between(-18 * 60, 18 * 60))
        .as(
            (date, nanos, minutes) ->
                OffsetDateTime.of(
                    date, LocalTime.ofNanoOfDay(nanos), ZoneOffset.ofTotalSeconds(minutes * 60)));
  }
}
