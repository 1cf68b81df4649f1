package org.plezi.jakarta.internal.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The channel history settings (#18): off by default, bounded count and age. */
class HistorySettingsTest {
  @Test
  void defaultsKeepNoHistoryAndFiveMinutesWhenOn() {
    Settings settings = Settings.defaults();
    assertThat(settings.get(Settings.CHANNELS_HISTORY_SIZE)).isZero();
    assertThat(settings.get(Settings.CHANNELS_HISTORY_MILLIS)).isEqualTo(300_000);
    assertThat(Settings.CHANNELS_HISTORY_SIZE.environmentName())
        .isEqualTo("PL_CHANNELS_HISTORY_SIZE");
    assertThat(Settings.CHANNELS_HISTORY_MILLIS.environmentName())
        .isEqualTo("PL_CHANNELS_HISTORY_MILLIS");
  }

  @Test
  void theBoundsAreAccepted() {
    Settings settings =
        Settings.load(
            Map.of("plezi.channels.historySize", "100000", "plezi.channels.historyMillis", "1000")
                ::get,
            Map.of());
    assertThat(settings.get(Settings.CHANNELS_HISTORY_SIZE)).isEqualTo(100_000);
    assertThat(settings.get(Settings.CHANNELS_HISTORY_MILLIS)).isEqualTo(1_000);
  }

  @Test
  void valuesOutsideTheRangesOrNotNumbersFailNamingTheSetting() {
    assertThatThrownBy(
            () -> Settings.load(Map.of("plezi.channels.historySize", "-1")::get, Map.of()))
        .hasMessageContaining("plezi.channels.historySize = -1 is outside 0..100000 messages");
    assertThatThrownBy(
            () -> Settings.load(Map.of("plezi.channels.historySize", "100001")::get, Map.of()))
        .hasMessageContaining("plezi.channels.historySize = 100001 is outside");
    assertThatThrownBy(
            () -> Settings.load(Map.of("plezi.channels.historyMillis", "999")::get, Map.of()))
        .hasMessageContaining("plezi.channels.historyMillis = 999 is outside 1000..86400000 ms");
    assertThatThrownBy(
            () -> Settings.load(name -> null, Map.of("PL_CHANNELS_HISTORY_MILLIS", "86400001")))
        .hasMessageContaining("PL_CHANNELS_HISTORY_MILLIS = 86400001 is outside");
    assertThatThrownBy(
            () -> Settings.load(Map.of("plezi.channels.historySize", "many")::get, Map.of()))
        .hasMessageContaining("plezi.channels.historySize is not a whole number: 'many'");
  }
}
