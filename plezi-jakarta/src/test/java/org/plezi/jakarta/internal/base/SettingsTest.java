package org.plezi.jakarta.internal.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void defaultsApplyWhenNothingIsSet() {
    Settings settings = Settings.defaults();
    assertThat(settings.get(Settings.MESSAGE_MAX_BYTES)).isEqualTo(65536);
    assertThat(settings.get(Settings.OUTBOUND_MAX_BYTES)).isEqualTo(1024 * 1024);
  }

  @Test
  void environmentWinsOverContextParametersWhichWinOverDefaults() {
    Map<String, String> context =
        Map.of("plezi.message.maxBytes", "2048", "plezi.outbound.maxBytes", "4096");
    Settings settings = Settings.load(context::get, Map.of("PL_OUTBOUND_MAX_BYTES", "8192"));
    assertThat(settings.get(Settings.MESSAGE_MAX_BYTES)).isEqualTo(2048);
    assertThat(settings.get(Settings.OUTBOUND_MAX_BYTES)).isEqualTo(8192);
  }

  @Test
  void environmentNamesAreUpperSnakeCase() {
    assertThat(Settings.OUTBOUND_MAX_BYTES.environmentName()).isEqualTo("PL_OUTBOUND_MAX_BYTES");
    assertThat(Settings.SEND_TIMEOUT_MILLIS.environmentName())
        .isEqualTo("PL_OUTBOUND_SEND_TIMEOUT_MILLIS");
  }

  @Test
  void badValuesFailNamingTheSettingTheSourceAndTheRange() {
    assertThatThrownBy(() -> Settings.load(Map.of("plezi.message.maxBytes", "lots")::get, Map.of()))
        .hasMessageContaining(
            "context parameter plezi.message.maxBytes is not a whole number: 'lots'");
    assertThatThrownBy(() -> Settings.load(name -> null, Map.of("PL_OUTBOUND_MAX_BYTES", "-1")))
        .hasMessageContaining("environment variable PL_OUTBOUND_MAX_BYTES = -1 is outside 1024..");
    assertThatThrownBy(
            () -> Settings.load(name -> null, Map.of("PL_MESSAGE_MAX_BYTES", "9".repeat(30))))
        .hasMessageContaining("is not a whole number");
  }

  @Test
  void theBusMessageBoundStaysWellBelowRedisPubSubOutputBufferLimits() {
    assertThat(Settings.defaults().get(Settings.BUS_MAX_MESSAGE_BYTES)).isEqualTo(1024 * 1024);
    assertThatThrownBy(
            () -> Settings.load(Map.of("plezi.bus.maxMessageBytes", "33554432")::get, Map.of()))
        .hasMessageContaining("plezi.bus.maxMessageBytes")
        .hasMessageContaining("1024..8388608");
    assertThatThrownBy(() -> Settings.load(name -> null, Map.of("PL_BUS_MAX_MESSAGE_BYTES", "10")))
        .hasMessageContaining("PL_BUS_MAX_MESSAGE_BYTES = 10 is outside 1024..8388608");
  }

  @Test
  void underscoresAndSpacesInNumbersAreAccepted() {
    Settings settings =
        Settings.load(Map.of("plezi.outbound.maxBytes", " 2_097_152 ")::get, Map.of());
    assertThat(settings.get(Settings.OUTBOUND_MAX_BYTES)).isEqualTo(2_097_152);
  }
}
