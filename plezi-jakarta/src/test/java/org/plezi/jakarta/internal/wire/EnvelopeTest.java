package org.plezi.jakarta.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTest {
  private static final String SERVER = "3b241101-e2bb-4255-8caf-4136c566a962";

  @Test
  void factoriesAddressAllOneClassOrOneConnection() {
    Envelope multicast = Envelope.multicast("print", List.of("Hi"), SERVER);
    Envelope broadcast = Envelope.broadcast("Chat", "print", List.of(), SERVER);
    Envelope unicast = Envelope.unicast("other-server", "conn-1", "print", null, SERVER);

    assertThat(multicast.type()).isEqualTo(Envelope.TYPE_ALL);
    assertThat(multicast.isMulticast()).isTrue();
    assertThat(broadcast.type()).isEqualTo("Chat");
    assertThat(broadcast.isMulticast()).isFalse();
    assertThat(broadcast.isUnicast()).isFalse();
    assertThat(unicast.isUnicast()).isTrue();
    assertThat(unicast.type()).isNull();
    assertThat(unicast.data()).isEmpty();
    assertThat(unicast.extra()).isEmpty();
  }

  @Test
  void dataIsCopiedUnmodifiableAndMayHoldNulls() {
    List<Object> data = new ArrayList<>(Arrays.asList("a", null));
    Envelope envelope = Envelope.multicast("print", data, SERVER);
    data.add("b");

    assertThat(envelope.data()).containsExactly("a", null);
    assertThatThrownBy(() -> envelope.data().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "close()", "a b", "1st", "naïve-name", "get\u0000Class"})
  void methodMustBeAnIdentifier(String method) {
    assertThatThrownBy(() -> Envelope.multicast(method, List.of(), SERVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("method");
  }

  @Test
  void methodMayBeAnyJavaIdentifierUpTo255Chars() {
    assertThat(Envelope.multicast("naïve_$1", List.of(), SERVER).method()).isEqualTo("naïve_$1");
    assertThat(Envelope.multicast("m".repeat(255), List.of(), SERVER).method()).hasSize(255);
    assertThatThrownBy(() -> Envelope.multicast("m".repeat(256), List.of(), SERVER))
        .hasMessageContaining("longer than 255");
  }

  @Test
  void serverIsRequiredAndBounded() {
    assertThatThrownBy(() -> Envelope.multicast("print", List.of(), null))
        .hasMessageContaining("server");
    assertThatThrownBy(() -> Envelope.multicast("print", List.of(), ""))
        .hasMessageContaining("server is empty");
    assertThatThrownBy(() -> Envelope.multicast("print", List.of(), "s".repeat(256)))
        .hasMessageContaining("server longer than 255");
  }

  @Test
  void anEnvelopeNeedsATypeOrATargetAndToServerNeedsATarget() {
    assertThatThrownBy(() -> new Envelope("print", List.of(), null, null, null, SERVER, null))
        .hasMessageContaining("neither a type");
    assertThatThrownBy(() -> new Envelope("print", List.of(), "all", null, "srv", SERVER, null))
        .hasMessageContaining("to_server without a target");
    assertThatThrownBy(() -> Envelope.broadcast("all", "print", List.of(), SERVER))
        .hasMessageContaining("multicast type");
    assertThatThrownBy(() -> Envelope.unicast(null, "conn", "print", List.of(), SERVER))
        .hasMessageContaining("both to_server and target");
  }

  @Test
  void extraKeysKeepTheirOrderAndMayNotShadowTheEnvelopeFields() {
    Envelope envelope =
        Envelope.multicast("print", List.of(), SERVER)
            .withExtra("reply_to", "x")
            .withExtra("attempt", 2);

    assertThat(envelope.extra())
        .containsExactly(Map.entry("reply_to", "x"), Map.entry("attempt", 2));
    for (String reserved : Envelope.RESERVED_KEYS) {
      assertThatThrownBy(() -> envelope.withExtra(reserved, 1))
          .hasMessageContaining("extra key not allowed: " + reserved);
    }
  }

  @Test
  void abbreviationKeepsUntrustedTextShortAndPrintable() {
    assertThat(Envelope.abbreviate("a\nb\u0000c")).isEqualTo("a?b?c");
    assertThat(Envelope.abbreviate("x".repeat(100))).isEqualTo("x".repeat(40) + "…");
    assertThat(Envelope.abbreviate("😀".repeat(41))).isEqualTo("😀".repeat(40) + "…");
  }
}
