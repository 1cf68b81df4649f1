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

  // ---- plezi.channels.history: rules per channel name

  private static HistoryRules rules(String text) {
    return Settings.load(
            Map.of(
                    "plezi.channels.history",
                    text,
                    "plezi.channels.historySize",
                    "10",
                    "plezi.channels.historyMillis",
                    "60000")
                ::get,
            Map.of())
        .historyRules();
  }

  private static String bounds(HistoryRules rules, String channel) {
    return rules.of(channel).toString();
  }

  @Test
  void withoutRulesEveryChannelTakesTheDefaults() {
    HistoryRules none = Settings.defaults().historyRules();
    assertThat(none.keepsAny()).isFalse();
    assertThat(bounds(none, "room:1")).isEqualTo("0/300000");
    assertThat(Settings.CHANNELS_HISTORY.environmentName()).isEqualTo("PL_CHANNELS_HISTORY");
    HistoryRules blank =
        Settings.load(Map.of("plezi.channels.history", "  ")::get, Map.of()).historyRules();
    assertThat(blank.keepsAny()).isFalse();
  }

  @Test
  void anExactNameBeatsTheLongestPrefixWhichBeatsShorterOnesAndTheDefaults() {
    HistoryRules rules =
        rules(" room:*=100/300000 , room:vip:*=5, room:lobby=0 ,cursor:*=0,*=3/2000 ");
    assertThat(rules.keepsAny()).isTrue();
    assertThat(bounds(rules, "room:1")).isEqualTo("100/300000");
    assertThat(bounds(rules, "room:vip:7")).isEqualTo("5/60000"); // historyMillis
    assertThat(bounds(rules, "room:lobby")).isEqualTo("0/60000");
    assertThat(bounds(rules, "room:lobby2")).isEqualTo("100/300000");
    assertThat(bounds(rules, "cursor:9")).isEqualTo("0/60000");
    assertThat(bounds(rules, "news")).isEqualTo("3/2000"); // "*": every other channel
    assertThat(rules.of("room:1").keeps()).isTrue();
    assertThat(rules.of("cursor:9").keeps()).isFalse();
  }

  @Test
  void withoutAStarTheDefaultsStayForOtherChannels() {
    HistoryRules rules = rules("news:*=20");
    assertThat(bounds(rules, "news:today")).isEqualTo("20/60000");
    assertThat(bounds(rules, "room:1")).isEqualTo("10/60000");
    HistoryRules onlySome =
        Settings.load(Map.of("plezi.channels.history", "chat:*=100")::get, Map.of()).historyRules();
    assertThat(onlySome.keepsAny()).isTrue(); // historySize is 0, but chat:* keeps
    assertThat(bounds(onlySome, "typing:1")).isEqualTo("0/300000");
  }

  @Test
  void theBoundsOfARuleAreAcceptedAndUnderscoresReadAsInNumbers() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < HistoryRules.MAX_RULES; i++) {
      many.append(i == 0 ? "" : ",").append("c").append(i).append(":*=1");
    }
    assertThat(bounds(rules(many.toString()), "c63:x")).isEqualTo("1/60000");
    String longest = "n".repeat(200);
    HistoryRules edges = rules(longest + "=100000/86400000," + longest + "*=0/1000,a=1_000/1_000");
    assertThat(bounds(edges, longest)).isEqualTo("100000/86400000");
    assertThat(bounds(edges, longest + "x")).isEqualTo("0/1000");
    assertThat(bounds(edges, "a")).isEqualTo("1000/1000");
    assertThat(bounds(rules("A-z_0.9:/@-*=2"), "A-z_0.9:/@-x")).isEqualTo("2/60000");
  }

  @Test
  void everyBadValueFailsNamingTheSourceTheRuleAndWhatIsWrong() {
    StringBuilder tooMany = new StringBuilder();
    for (int i = 0; i <= HistoryRules.MAX_RULES; i++) {
      tooMany.append(i == 0 ? "" : ",").append("c").append(i).append("=1");
    }
    String pattern =
        ": the pattern must be a channel name (1 to 200 characters of A-Z a-z 0-9 _ . : / @ -),"
            + " or the start of one followed by *";
    String size = ": the size must be a whole number from 0 to 100000 messages";
    String millis = ": the millis must be a whole number from 1000 to 86400000 ms";
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put(tooMany.toString(), "at most 64 rules pattern=size[/millis], not 65");
    bad.put("a=1,,b=2", "rule 2 is empty (two commas, or one at an end)");
    bad.put("a=1,", "rule 2 is empty");
    bad.put(",a=1", "rule 1 is empty");
    bad.put("room:*", "rule 1 'room:*' is not pattern=size[/millis]");
    bad.put("=5", "rule 1 '=5'" + pattern);
    bad.put("ro*m=5", "rule 1 'ro*m=5'" + pattern);
    bad.put("**=5", "rule 1 '**=5'" + pattern);
    bad.put("room 1=5", "rule 1 'room 1=5'" + pattern);
    bad.put("room#=5", "rule 1 'room#=5'" + pattern);
    bad.put("n".repeat(201) + "=5", pattern);
    bad.put("n".repeat(201) + "*=5", pattern);
    bad.put("a=1,b=2,a=3", "rule 3 'a=3': the pattern 'a' is given by rule 1 already");
    bad.put("a*=1, a* =3", "rule 2 'a* =3': the pattern 'a*' is given by rule 1 already");
    bad.put("a=", "rule 1 'a='" + size);
    bad.put("a=x", "rule 1 'a=x'" + size);
    bad.put("a=-1", size);
    bad.put("a=100001", size);
    bad.put("a=1.5", size);
    bad.put("a=99999999999999999999", size);
    bad.put("a=5=6", size);
    bad.put("a=/1000", size);
    bad.put("a=5/", "rule 1 'a=5/'" + millis);
    bad.put("a=5/999", millis);
    bad.put("a=5/86400001", millis);
    bad.put("a=5/1000/2000", millis);
    bad.put("a=5/soon", millis);
    bad.put("a=\u00071", "is not comma-separated rules pattern=size[/millis]");
    bad.put("a=1,b=é", "is not comma-separated rules");
    bad.put("a=" + "1".repeat(4095), "is not comma-separated rules");
    for (Map.Entry<String, String> value : bad.entrySet()) {
      assertThatThrownBy(
              () -> Settings.load(Map.of("plezi.channels.history", value.getKey())::get, Map.of()))
          .as(value.getKey())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("context parameter plezi.channels.history")
          .hasMessageContaining(value.getValue());
    }
    assertThatThrownBy(
            () -> Settings.load(name -> null, Map.of("PL_CHANNELS_HISTORY", "room:*=lots")))
        .hasMessageContaining("environment variable PL_CHANNELS_HISTORY: rule 1 'room:*=lots'");
    assertThatThrownBy(
            () ->
                Settings.defaults()
                    .withOverrides(Map.of("plezi.channels.history", "a=1,a=2"), "CDI producer"))
        .hasMessageContaining("CDI producer plezi.channels.history: rule 2 'a=2'");
  }

  @Test
  void aLongBadRuleIsShownShortened() {
    String rule = "room:" + "x".repeat(100) + "=many";
    assertThatThrownBy(() -> Settings.load(Map.of("plezi.channels.history", rule)::get, Map.of()))
        .hasMessageContaining("rule 1 '" + rule.substring(0, 60) + "…': the size");
  }
}
