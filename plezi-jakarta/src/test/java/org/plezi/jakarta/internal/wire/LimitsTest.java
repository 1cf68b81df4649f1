package org.plezi.jakarta.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LimitsTest {
  @Test
  void defaultsAreOneMebibyteDepth64FiftyAliasesAndAHundredThousandValues() {
    assertThat(Limits.defaults()).isEqualTo(new Limits(1024 * 1024, 64, 50, 100_000));
    assertThat(new EnvelopeCodec().limits()).isEqualTo(Limits.defaults());
  }

  @Test
  void withersChangeOneBoundEach() {
    Limits limits =
        Limits.defaults().withMaxPayloadBytes(10).withMaxDepth(3).withMaxAliases(0).withMaxNodes(7);

    assertThat(limits).isEqualTo(new Limits(10, 3, 0, 7));
  }

  @Test
  void boundsOutsideTheirRangesAreRefused() {
    assertThatThrownBy(() -> Limits.defaults().withMaxPayloadBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPayloadBytes");
    assertThatThrownBy(() -> Limits.defaults().withMaxDepth(0)).hasMessageContaining("maxDepth");
    assertThatThrownBy(() -> Limits.defaults().withMaxDepth(Limits.DEPTH_CEILING + 1))
        .hasMessageContaining("1.." + Limits.DEPTH_CEILING);
    assertThatThrownBy(() -> Limits.defaults().withMaxAliases(-1))
        .hasMessageContaining("maxAliases");
    assertThatThrownBy(() -> Limits.defaults().withMaxNodes(0)).hasMessageContaining("maxNodes");
  }

  @Test
  void zeroAliasesRefusesEveryAliasToACollection() {
    EnvelopeCodec noAliases = new EnvelopeCodec(Limits.defaults().withMaxAliases(0));

    assertThat(noAliases.decode("a: &x [1]\nb: *x")).isInstanceOf(Decoded.Rejected.class);
    assertThat(noAliases.decode("a: &x 1\nb: *x")).isInstanceOf(Decoded.Foreign.class);
  }
}
