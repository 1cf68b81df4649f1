package org.plezi.jakarta.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeCheckTest {
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ=="; // RFC 6455's example nonce

  @Test
  void aWellFormedHandshakePasses() {
    assertThat(HandshakeCheck.check(List.of("13"), List.of(KEY))).isNull();
    assertThat(HandshakeCheck.check(List.of(" 13 "), List.of(" " + KEY))).isNull();
    assertThat(HandshakeCheck.check(List.of("8, 13"), List.of(KEY))).isNull();
    assertThat(HandshakeCheck.check(List.of("8", "13"), List.of(KEY))).isNull();
  }

  @Test
  void anotherVersionIsA426ThatNamesVersion13() {
    List<List<String>> wrong =
        List.of(
            List.of("99"), List.of(), List.of(""), List.of("8, 7"), List.of("130"), List.of("1 3"));
    for (List<String> versions : wrong) {
      HandshakeCheck.Refusal refusal = HandshakeCheck.check(versions, List.of(KEY));
      assertThat(refusal).as(versions.toString()).isNotNull();
      assertThat(refusal.status()).isEqualTo(426);
      assertThat(refusal.namesVersion()).isTrue();
    }
  }

  @Test
  void aMissingOrMalformedKeyIsA400() {
    List<List<String>> bad =
        List.of(
            List.of(),
            List.of(""),
            List.of("not base64 at all!!!!!!!"),
            List.of("AAAA"),
            List.of("dGhlIHNhbXBsZSBub25jZQ"),
            List.of(KEY, KEY),
            List.of("dGhlIHNhbXBsZSBub25jZSE="));
    for (List<String> keys : bad) {
      HandshakeCheck.Refusal refusal = HandshakeCheck.check(List.of("13"), keys);
      assertThat(refusal).as(keys.toString()).isNotNull();
      assertThat(refusal.status()).isEqualTo(400);
      assertThat(refusal.namesVersion()).isFalse();
    }
  }

  @Test
  void theVersionIsCheckedFirstAsTheRfcOrdersTheAnswers() {
    assertThat(HandshakeCheck.check(List.of("99"), List.of()).status()).isEqualTo(426);
  }
}
