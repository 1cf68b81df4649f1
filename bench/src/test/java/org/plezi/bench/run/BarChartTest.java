package org.plezi.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class BarChartTest {
  @Test
  void theChartIsWellFormedSvgWithOneBarPerSeriesAndCategory() throws Exception {
    String svg =
        BarChart.svg(
            "Fan-out <flat>",
            "deliveries / s",
            List.of("1,000", "10,000"),
            List.of(
                new BarChart.Series("library", "#3b6fb6", List.of(90_000.0, 40_000.0)),
                new BarChart.Series("baseline", "#c9812f", List.of(100_000.0, 45_000.0))));
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
    // background, four bars, two legend boxes
    assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(1 + 4 + 2);
    assertThat(svg).contains("Fan-out &lt;flat&gt;", "90k", "100k", "library", "baseline");
  }

  @Test
  void theScaleEndsOnARoundNumberAboveTheLargestValue() {
    assertThat(BarChart.niceCeiling(87_000)).isEqualTo(100_000);
    assertThat(BarChart.niceCeiling(120_000)).isEqualTo(200_000);
    assertThat(BarChart.niceCeiling(240_000)).isEqualTo(250_000);
    assertThat(BarChart.niceCeiling(0)).isEqualTo(1);
  }
}
