package org.plezi.jakarta.internal.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The heartbeat and idle settings (#18): defaults, ranges, and the floors above their 0 (off). */
class HeartbeatSettingsTest {
  @Test
  void defaultsPingEvery25SecondsWithA10SecondTimeoutAndNoIdleLimit() {
    Settings settings = Settings.defaults();
    assertThat(settings.get(Settings.PING_INTERVAL_MILLIS)).isEqualTo(25_000);
    assertThat(settings.get(Settings.PING_TIMEOUT_MILLIS)).isEqualTo(10_000);
    assertThat(settings.get(Settings.IDLE_TIMEOUT_MILLIS)).isZero();
    assertThat(Settings.PING_INTERVAL_MILLIS.environmentName())
        .isEqualTo("PL_PING_INTERVAL_MILLIS");
  }

  @Test
  void zeroTurnsPingsAndTheIdleLimitOff() {
    Settings settings =
        Settings.load(
            Map.of("plezi.ping.intervalMillis", "0", "plezi.idle.timeoutMillis", "0")::get,
            Map.of());
    assertThat(settings.get(Settings.PING_INTERVAL_MILLIS)).isZero();
    assertThat(settings.get(Settings.IDLE_TIMEOUT_MILLIS)).isZero();
  }

  @Test
  void tooShortOrNegativeOrNonNumericValuesFailNamingTheSetting() {
    assertThatThrownBy(
            () -> Settings.load(Map.of("plezi.ping.intervalMillis", "50")::get, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plezi.ping.intervalMillis = 50 is below 100 ms (0 turns it off)");
    assertThatThrownBy(() -> Settings.load(name -> null, Map.of("PL_IDLE_TIMEOUT_MILLIS", "999")))
        .hasMessageContaining("environment variable PL_IDLE_TIMEOUT_MILLIS = 999 is below 1000 ms");
    assertThatThrownBy(() -> Settings.load(Map.of("plezi.ping.timeoutMillis", "0")::get, Map.of()))
        .hasMessageContaining("plezi.ping.timeoutMillis = 0 is outside 100..3600000 ms");
    assertThatThrownBy(
            () -> Settings.load(Map.of("plezi.ping.intervalMillis", "-1")::get, Map.of()))
        .hasMessageContaining("plezi.ping.intervalMillis = -1 is outside");
    assertThatThrownBy(
            () -> Settings.load(Map.of("plezi.idle.timeoutMillis", "soon")::get, Map.of()))
        .hasMessageContaining("plezi.idle.timeoutMillis is not a whole number: 'soon'");
    assertThatThrownBy(
            () ->
                Settings.defaults()
                    .withOverrides(Map.of("plezi.ping.intervalMillis", "99"), "CDI producer"))
        .hasMessageContaining("CDI producer plezi.ping.intervalMillis = 99 is below 100 ms");
  }
}
