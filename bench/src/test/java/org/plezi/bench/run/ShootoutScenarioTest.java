package org.plezi.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShootoutScenarioTest {
  private static ShootoutScenario.Step step(int clients, long p95Millis) {
    return new ShootoutScenario.Step(clients, 1_000, p95Millis * 1_000, p95Millis * 1_000, 1, 1, 1);
  }

  @Test
  void theLargestNHeldIsTheLastStepWithinTheLimitBeforeTheFirstOutside() {
    ShootoutScenario.Ramp ramp =
        new ShootoutScenario.Ramp(
            "ws", 1, List.of(step(1_000, 80), step(2_000, 500), step(3_000, 501)), false);
    assertThat(ramp.largestHeld().clients()).isEqualTo(2_000);
  }

  @Test
  void aRampThatFailsItsFirstStepHeldNone() {
    assertThat(
            new ShootoutScenario.Ramp("rawws", 2, List.of(step(1_000, 900)), false).largestHeld())
        .isNull();
  }

  @Test
  void aStepSummarisesItsRoundTripsDeliveriesAndCpu() {
    long[] rtts = new long[20];
    for (int i = 0; i < 20; i++) {
      rtts[i] = (i + 1) * 10_000L; // 10 to 200 ms
    }
    ShootoutScenario.Step s =
        ShootoutScenario.Step.of(1_000, rtts, 20_000, 500_000_000L, 100_000_000L);
    assertThat(s.p50Micros()).isEqualTo(100_000);
    assertThat(s.p95Micros()).isEqualTo(190_000);
    assertThat(s.maxMicros()).isEqualTo(200_000);
    assertThat(s.deliveriesPerSecond()).isEqualTo(40_000);
    assertThat(s.cpuMicrosPerDelivery()).isEqualTo(5);
    assertThat(s.held()).isTrue();
  }

  @Test
  void optionsTakeTheStepTheCapAndTheRounds() {
    Options defaults = Options.parse(new String[] {"--only=shootout"});
    assertThat(defaults.step()).isEqualTo(1_000);
    assertThat(defaults.rounds()).isEqualTo(2);
    assertThat(defaults.maxClients()).isZero();
    Options small =
        Options.parse(
            new String[] {"--only=shootout", "--step=200", "--max-clients=1000", "--quick"});
    assertThat(small.step()).isEqualTo(200);
    assertThat(small.maxClients()).isEqualTo(1_000);
    assertThat(small.rounds()).isEqualTo(1);
    assertThatThrownBy(() -> Options.parse(new String[] {"--step=0"}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Options.parse(new String[] {"--rounds=two"}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theReportListsEachRampsLargestNAndEveryStep() {
    String md =
        Report.shootoutMarkdown(
            List.of(
                new ShootoutScenario.Ramp("ws", 1, List.of(step(200, 10), step(400, 600)), false),
                new ShootoutScenario.Ramp(
                    "rawws", 1, List.of(step(200, 10), step(400, 20)), true)));
    assertThat(md)
        .contains("| library | 1 | **200** |")
        .contains("| raw endpoint | 1 | **400+** |");
    assertThat(md).contains("| library | 1 | 400 | 1.0 | 600.0 | 600.0 |");
  }

  @Test
  void theChartIsWellFormedSvgWithOneLinePerRampAndTheLimit() throws Exception {
    String svg =
        Report.shootoutChart(
            List.of(
                new ShootoutScenario.Ramp("ws", 1, List.of(step(200, 10), step(400, 600)), false),
                new ShootoutScenario.Ramp("rawws", 2, List.of(step(200, 10)), false)));
    org.w3c.dom.Document doc =
        javax.xml.parsers.DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new java.io.ByteArrayInputStream(
                    svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
    assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(2);
    assertThat(svg).contains("library, round 1", "raw endpoint, round 2", "500 ms");
  }

  @Test
  void axisLabelsKeepHalfThousands() {
    assertThat(LineChart.label(1_500)).isEqualTo("1.5k");
    assertThat(LineChart.label(2_000)).isEqualTo("2k");
    assertThat(LineChart.label(250)).isEqualTo("250");
  }
}
