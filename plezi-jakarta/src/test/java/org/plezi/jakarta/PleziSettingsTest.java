package org.plezi.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.internal.base.Settings;

class PleziSettingsTest {
  @Test
  void overridesGivenInCodeWinOverContextParametersAndEnvironment() {
    Settings loaded =
        Settings.load(
            Map.of("plezi.outbound.maxBytes", "2048")::get,
            Map.of("PL_OUTBOUND_MAX_BYTES", "4096", "PL_MESSAGE_MAX_BYTES", "100"));
    PleziSettings code = PleziSettings.empty().with("plezi.outbound.maxBytes", 8192);

    Settings applied = loaded.withOverrides(code.values(), "CDI settings");

    assertThat(applied.get(Settings.OUTBOUND_MAX_BYTES)).isEqualTo(8192);
    assertThat(applied.get(Settings.MESSAGE_MAX_BYTES)).isEqualTo(100);
    assertThat(loaded.get(Settings.OUTBOUND_MAX_BYTES)).isEqualTo(4096);
  }

  @Test
  void unknownSettingNameFailsNamingItAndTheSource() {
    PleziSettings code = PleziSettings.empty().with("plezi.outbound.maxbytes", "2048");

    assertThatThrownBy(() -> Settings.defaults().withOverrides(code.values(), "CDI settings"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CDI settings: unknown setting 'plezi.outbound.maxbytes'");
  }

  @Test
  void valuesOutOfRangeOrNotNumbersFailNamingEachSetting() {
    PleziSettings code =
        PleziSettings.empty()
            .with("plezi.outbound.maxBytes", 1)
            .with("plezi.message.maxBytes", "lots");

    assertThatThrownBy(() -> Settings.defaults().withOverrides(code.values(), "CDI settings"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CDI settings plezi.outbound.maxBytes = 1 is outside 1024..")
        .hasMessageContaining("CDI settings plezi.message.maxBytes is not a whole number: 'lots'");
  }

  @Test
  void textSettingsAreOverriddenAndCheckedWithoutEchoingTheValue() {
    Settings applied =
        Settings.defaults()
            .withOverrides(
                PleziSettings.empty().with("plezi.channel", "chat_room").values(), "CDI settings");
    assertThat(applied.get(Settings.CHANNEL)).contains("chat_room");

    PleziSettings bad = PleziSettings.empty().with("plezi.redis.url", "http://user:secret@x");
    assertThatThrownBy(() -> Settings.defaults().withOverrides(bad.values(), "CDI settings"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CDI settings plezi.redis.url is not a redis:// or rediss:// URL")
        .hasMessageNotContaining("secret");
  }

  @Test
  void withReturnsACopyAndLeavesTheOriginalAlone() {
    PleziSettings empty = PleziSettings.empty();
    PleziSettings one = empty.with("plezi.message.maxBytes", 100);

    assertThat(empty.values()).isEmpty();
    assertThat(one.values()).containsExactly(Map.entry("plezi.message.maxBytes", "100"));
    assertThat(one).isEqualTo(PleziSettings.empty().with("plezi.message.maxBytes", "100"));
    assertThatThrownBy(() -> one.values().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nullNameOrValueIsRefused() {
    assertThatThrownBy(() -> PleziSettings.empty().with(null, "1"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> PleziSettings.empty().with("plezi.message.maxBytes", null))
        .isInstanceOf(NullPointerException.class);
  }
}
