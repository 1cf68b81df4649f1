package org.plezi.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelsScenarioTest {
  private static RunResult result(String side, int connections, double perSecond, double cpu) {
    return new RunResult(
        "channels",
        side,
        connections,
        "flat",
        10,
        10L * connections,
        1,
        perSecond,
        100,
        2000,
        3000,
        cpu);
  }

  @Test
  void everySideTakesEveryPlaceOverAsManyRoundsAsSides() {
    int n = ChannelsScenario.SIDES.size();
    for (int place = 0; place < n; place++) {
      Set<String> seen = new HashSet<>();
      for (int round = 0; round < n; round++) {
        seen.add(ChannelsScenario.side(round, place));
      }
      assertEquals(Set.copyOf(ChannelsScenario.SIDES), seen, "place " + place);
    }
    for (int round = 0; round < n; round++) {
      Set<String> inRound = new HashSet<>();
      for (int place = 0; place < n; place++) {
        inRound.add(ChannelsScenario.side(round, place));
      }
      assertEquals(n, inRound.size(), "round " + round + " runs each side once");
    }
  }

  @Test
  void rowsPairEachModeWithTheBroadcastOfItsSize() {
    List<RunResult> results =
        List.of(
            result("plezi", 1000, 200_000, 2.0),
            result("chevent", 1000, 100_000, 4.0),
            result("chraw", 1000, 400_000, 1.0),
            result("plezi", 5000, 300_000, 3.0),
            result("chraw", 5000, 150_000, 6.0),
            result("chevent", 5000, 600_000, 1.5));
    List<ChannelsScenario.Row> rows = ChannelsScenario.rows(results);
    assertEquals(4, rows.size());
    assertEquals("EVENT", rows.get(0).mode());
    assertEquals(0.5, rows.get(0).ratio(), 1e-9);
    assertEquals(2.0, rows.get(0).cpuRatio(), 1e-9);
    assertEquals("RAW", rows.get(1).mode());
    assertEquals(2.0, rows.get(1).ratio(), 1e-9);
    assertEquals(5000, rows.get(2).connections());
    assertEquals(2.0, rows.get(2).ratio(), 1e-9);
    assertEquals(0.5, rows.get(3).ratio(), 1e-9);
    assertEquals(2.0, rows.get(3).cpuRatio(), 1e-9);

    String md = Report.channelsMarkdown(rows);
    assertTrue(
        md.contains("| 1,000 | EVENT | 100,000 | 200,000 | **0.50** | 4.00 / 2.00 | 2.00 |"), md);
    assertTrue(
        md.contains("| 5,000 | RAW | 150,000 | 300,000 | **0.50** | 6.00 / 3.00 | 2.00 |"), md);
  }

  @Test
  void aSizeWithoutOneOfItsSidesIsAnError() {
    List<RunResult> results =
        List.of(result("plezi", 1000, 200_000, 2.0), result("chevent", 1000, 100_000, 4.0));
    assertThrows(NoSuchElementException.class, () -> ChannelsScenario.rows(results));
  }

  @Test
  void channelsIsAScenarioOfOnly() {
    Options options = Options.parse(new String[] {"--only=channels", "--quick"});
    assertTrue(options.runs("channels"));
    assertEquals(Set.of("channels"), options.only());
    assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--only=chan"}));
  }
}
