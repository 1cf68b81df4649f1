package org.plezi.bench.run;

import java.util.List;
import java.util.Locale;

/**
 * A line chart as a standalone SVG: one polyline per series of (x, y) points, both axes from 0, and
 * an optional horizontal limit line (the shootout's p95 of 500 ms).
 */
final class LineChart {
  /** One series: its name, colour, dash pattern (or null) and points. */
  record Series(String name, String color, String dash, List<double[]> points) {}

  private LineChart() {}

  static String svg(
      String title, String xAxis, String yAxis, double limit, String limitLabel, List<Series> all) {
    int width = 720;
    int height = 420;
    int left = 80;
    int right = 20;
    int top = 50;
    int bottom = 80;
    double maxX = BarChart.niceCeiling(max(all, 0));
    double maxY = BarChart.niceCeiling(Math.max(limit * 1.2, max(all, 1)));
    int plotWidth = width - left - right;
    int plotHeight = height - top - bottom;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            width,
            height,
            width,
            height));
    svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(
        String.format(
            "<text x=\"%d\" y=\"24\" font-size=\"16\" text-anchor=\"middle\">%s</text>%n",
            width / 2, escape(title)));
    for (int i = 0; i <= 4; i++) {
      int y = top + plotHeight - (int) Math.round(plotHeight * i / 4.0);
      int x = left + (int) Math.round(plotWidth * i / 4.0);
      svg.append(
          String.format(
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
              left, y, width - right, y));
      svg.append(
          String.format(
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
              left - 6, y + 4, label(maxY * i / 4)));
      svg.append(
          String.format(
              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
              x, top + plotHeight + 18, label(maxX * i / 4)));
    }
    svg.append(
        String.format(
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
            left + plotWidth / 2, top + plotHeight + 36, escape(xAxis)));
    svg.append(
        String.format(
            "<text transform=\"translate(16 %d) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
            top + plotHeight / 2, escape(yAxis)));
    if (limit > 0) {
      double y = top + plotHeight - plotHeight * limit / maxY;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c33\" "
                  + "stroke-dasharray=\"2 3\"/>%n",
              left,
              y,
              width - right,
              y));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#c33\">%s</text>%n",
              width - right - 4,
              y - 4,
              escape(limitLabel)));
    }
    int legendX = left;
    for (Series s : all) {
      StringBuilder points = new StringBuilder();
      for (double[] p : s.points()) {
        points.append(
            String.format(
                Locale.ROOT,
                "%.1f,%.1f ",
                left + plotWidth * p[0] / maxX,
                top + plotHeight - plotHeight * Math.min(p[1], maxY) / maxY));
      }
      svg.append(
          String.format(
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n",
              s.color(),
              s.dash() == null ? "" : " stroke-dasharray=\"" + s.dash() + "\"",
              points.toString().trim()));
      svg.append(
          String.format(
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
              legendX,
              height - 18,
              legendX + 20,
              height - 18,
              s.color(),
              s.dash() == null ? "" : " stroke-dasharray=\"" + s.dash() + "\""));
      svg.append(
          String.format(
              "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX + 24, height - 14, escape(s.name())));
      legendX += 36 + 7 * s.name().length();
    }
    return svg.append("</svg>\n").toString();
  }

  private static double max(List<Series> all, int axis) {
    return all.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[axis]).max().orElse(1);
  }

  /** An axis label: 1,500 as 1.5k, not rounded to 2k as the bar chart's value labels are. */
  static String label(double value) {
    if (value >= 1_000 && value % 1_000 != 0) {
      return String.format(Locale.ROOT, "%.1fk", value / 1_000);
    }
    return BarChart.compact(value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
