package org.plezi.bench.run;

import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart as a standalone SVG: one group per category (a connection count), one bar per
 * series (library, baseline), each labelled with its value.
 */
final class BarChart {
  /** One series: its name, colour and a value per category. */
  record Series(String name, String color, List<Double> values) {}

  private BarChart() {}

  static String svg(String title, String axis, List<String> categories, List<Series> series) {
    int width = 720;
    int height = 400;
    int left = 80;
    int right = 20;
    int top = 50;
    int bottom = 60;
    double max =
        series.stream().flatMap(s -> s.values().stream()).mapToDouble(d -> d).max().orElse(1);
    double scale = niceCeiling(max);
    int plotWidth = width - left - right;
    int plotHeight = height - top - bottom;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            width,
            height,
            width,
            height));
    svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(
        String.format(
            "<text x=\"%d\" y=\"24\" font-size=\"16\" text-anchor=\"middle\">%s" + "</text>%n",
            width / 2, escape(title)));
    for (int i = 0; i <= 4; i++) {
      double value = scale * i / 4;
      int y = top + plotHeight - (int) Math.round(plotHeight * i / 4.0);
      svg.append(
          String.format(
              "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
              left, y, width - right, y));
      svg.append(
          String.format(
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
              left - 6, y + 4, compact(value)));
    }
    svg.append(
        String.format(
            "<text transform=\"translate(16 %d) rotate(-90)\" "
                + "text-anchor=\"middle\">%s</text>%n",
            top + plotHeight / 2, escape(axis)));
    double groupWidth = (double) plotWidth / categories.size();
    double barWidth = groupWidth * 0.7 / series.size();
    for (int c = 0; c < categories.size(); c++) {
      double groupX = left + c * groupWidth + groupWidth * 0.15;
      for (int s = 0; s < series.size(); s++) {
        double value = series.get(s).values().get(c);
        double barHeight = plotHeight * value / scale;
        double x = groupX + s * barWidth;
        double y = top + plotHeight - barHeight;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" " + "height=\"%.1f\" fill=\"%s\"/>%n",
                x,
                y,
                barWidth - 4,
                barHeight,
                series.get(s).color()));
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" "
                    + "text-anchor=\"middle\" font-size=\"11\">%s</text>%n",
                x + (barWidth - 4) / 2,
                y - 4,
                compact(value)));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">" + "%s</text>%n",
              left + c * groupWidth + groupWidth / 2,
              top + plotHeight + 18,
              escape(categories.get(c))));
    }
    int legendX = left;
    for (Series s : series) {
      svg.append(
          String.format(
              "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" " + "fill=\"%s\"/>%n",
              legendX, height - 24, s.color()));
      svg.append(
          String.format(
              "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX + 16, height - 14, escape(s.name())));
      legendX += 24 + 8 * s.name().length();
    }
    return svg.append("</svg>\n").toString();
  }

  /** 1, 2 or 5 times a power of ten, at least {@code value}. */
  static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  static String compact(double value) {
    if (value >= 1_000_000) {
      return String.format(Locale.ROOT, "%.2fM", value / 1_000_000);
    }
    if (value >= 1_000) {
      return String.format(Locale.ROOT, "%.0fk", value / 1_000);
    }
    return String.format(Locale.ROOT, "%.0f", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
