package org.plezi.jakarta.internal.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreValuesTest {
  @SuppressWarnings("unused")
  private static void shapes(
      List<Integer> ints,
      Map<String, Long> longs,
      Set<String> strings,
      List<List<Double>> nested,
      List<?> anything) {}

  private static java.lang.reflect.Type parameter(int i) throws Exception {
    return CoreValuesTest.class.getDeclaredMethod(
            "shapes", List.class, Map.class, Set.class, List.class, List.class)
        .getGenericParameterTypes()[i];
  }

  @Test
  void freezingCopiesDeeplyAndMakesEverythingImmutable() {
    List<Object> inner = new ArrayList<>(List.of(1, 2));
    List<Object> frozen =
        CoreValues.freeze(
            "a",
            inner,
            Map.of("k", inner),
            'c',
            java.util.Date.from(Instant.EPOCH),
            Thread.State.NEW,
            new Object[] {1});
    inner.add(3);
    assertThat(frozen)
        .containsExactly(
            "a", List.of(1, 2), Map.of("k", List.of(1, 2)), "c", Instant.EPOCH, "NEW", List.of(1));
    assertThatThrownBy(() -> ((List<Object>) frozen.get(1)).add(4))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void freezingRefusesOtherTypesAndCycles() {
    assertThatThrownBy(() -> CoreValues.freeze(new StringBuilder("x")))
        .hasMessageContaining("java.lang.StringBuilder, not a core value");
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThatThrownBy(() -> CoreValues.freeze(cycle)).hasMessageContaining("nested deeper");
  }

  @Test
  void numbersConvertOnlyWhenNothingIsLost() throws Exception {
    assertThat(CoreValues.convert(7L, int.class, int.class)).isEqualTo(7);
    assertThat(CoreValues.convert(7, long.class, long.class)).isEqualTo(7L);
    assertThat(CoreValues.convert(7, double.class, double.class)).isEqualTo(7.0);
    assertThat(CoreValues.convert(2.5, float.class, float.class)).isEqualTo(2.5f);
    assertThat(CoreValues.convert(3.0, int.class, int.class)).isEqualTo(3);
    assertThat(CoreValues.convert(5, BigInteger.class, BigInteger.class))
        .isEqualTo(BigInteger.valueOf(5));
    assertThat(CoreValues.convert(0.5, BigDecimal.class, BigDecimal.class))
        .isEqualTo(new BigDecimal("0.5"));
    assertMismatch(1L << 40, int.class);
    assertMismatch(3.5, long.class);
    assertMismatch(0.1, float.class);
    assertMismatch((1L << 53) + 1, double.class);
    assertMismatch(null, int.class);
    assertMismatch("1", int.class);
    assertMismatch(1, String.class);
    assertMismatch(1, boolean.class);
  }

  @Test
  void collectionsConvertTheirElements() throws Exception {
    assertThat(CoreValues.convert(List.of(1L, 2L), List.class, parameter(0)))
        .isEqualTo(List.of(1, 2));
    assertThat(CoreValues.convert(Map.of("a", 1), Map.class, parameter(1)))
        .isEqualTo(Map.of("a", 1L));
    assertThat(CoreValues.convert(Set.of("x"), Set.class, parameter(2))).isEqualTo(Set.of("x"));
    assertThat(CoreValues.convert(List.of(List.of(1)), List.class, parameter(3)))
        .isEqualTo(List.of(List.of(1.0)));
    assertThat(CoreValues.convert(List.of("any", 1), List.class, parameter(4)))
        .isEqualTo(List.of("any", 1));
    assertThatThrownBy(() -> CoreValues.convert(List.of("x"), List.class, parameter(0)))
        .isInstanceOf(CoreValues.Mismatch.class);
    assertThatThrownBy(() -> CoreValues.convert(List.of(1), Set.class, parameter(2)))
        .isInstanceOf(CoreValues.Mismatch.class);
    assertThatThrownBy(() -> CoreValues.convert(Map.of(), List.class, parameter(0)))
        .isInstanceOf(CoreValues.Mismatch.class);
  }

  @Test
  void timesAndEnumsConvert() throws Exception {
    OffsetDateTime noon = OffsetDateTime.of(2024, 1, 2, 12, 0, 0, 0, ZoneOffset.ofHours(2));
    assertThat(CoreValues.convert(noon, Instant.class, Instant.class)).isEqualTo(noon.toInstant());
    assertThat(CoreValues.convert(Instant.EPOCH, OffsetDateTime.class, OffsetDateTime.class))
        .isEqualTo(Instant.EPOCH.atOffset(ZoneOffset.UTC));
    assertThat(CoreValues.convert("BLOCKED", Thread.State.class, Thread.State.class))
        .isEqualTo(Thread.State.BLOCKED);
    assertMismatch("blocked", Thread.State.class);
  }

  private static void assertMismatch(Object value, Class<?> type) {
    assertThatThrownBy(() -> CoreValues.convert(value, type, type))
        .isInstanceOf(CoreValues.Mismatch.class);
  }
}
