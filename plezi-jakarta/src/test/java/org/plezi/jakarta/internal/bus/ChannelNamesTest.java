package org.plezi.jakarta.internal.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.internal.base.Settings;

class ChannelNamesTest {
  @Test
  void acceptsTheDocumentedCharactersUpTo200() {
    assertThat(ChannelNames.isValid("room:42/editors@doc-1_a.b")).isTrue();
    assertThat(ChannelNames.isValid("x".repeat(200))).isTrue();
  }

  @Test
  void refusesEverythingElseWithAPrintableMessage() {
    for (String bad :
        new String[] {
          null, "", "x".repeat(201), "a b", "a*", "a?", "[a]", "é", "a\nb", "a\u0000"
        }) {
      assertThat(ChannelNames.isValid(bad)).as(String.valueOf(bad)).isFalse();
      assertThatThrownBy(() -> ChannelNames.check(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("a channel name is 1 to 200 characters")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\u0000"));
    }
    assertThatThrownBy(() -> ChannelNames.check("y".repeat(5000)))
        .hasMessageEndingWith("…' (5000 chars)");
  }

  @Test
  void theChannelBoundIsASettingValidatedAtDeployment() {
    assertThat(Settings.defaults().get(Settings.CHANNELS_MAX_PER_CONNECTION)).isEqualTo(100);
    for (String bad : new String[] {"0", "10001", "many"}) {
      assertThatThrownBy(
              () ->
                  Settings.load(
                      name -> name.equals("plezi.channels.maxPerConnection") ? bad : null,
                      Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("plezi.channels.maxPerConnection");
    }
    assertThat(
            Settings.load(name -> null, Map.of("PL_CHANNELS_MAX_PER_CONNECTION", "7"))
                .get(Settings.CHANNELS_MAX_PER_CONNECTION))
        .isEqualTo(7);
  }
}
