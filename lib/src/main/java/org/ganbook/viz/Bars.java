package org.ganbook.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler.LegendPosition;

/** One bar per named value, e.g. a score for each set of images, in the book's theme. */
public final class Bars {
  private Bars() {}

  /** Bars in the map's order (pass a LinkedHashMap), labelled with their names; values must be finite. */
  public static CategoryChart chart(String title, String yTitle, Map<String, Double> values) {
    return chart(title, yTitle, values, Theme.WIDTH, Theme.HEIGHT);
  }

  /** As {@link #chart(String, String, Map)}, at a given size in pixels. */
  public static CategoryChart chart(String title, String yTitle, Map<String, Double> values, int width, int height) {
    if (values == null || values.isEmpty()) throw new IllegalArgumentException("no values to draw");
    List<String> names = new ArrayList<>(values.keySet());
    List<Double> ys = new ArrayList<>();
    for (String n : names) {
      Double v = values.get(n);
      if (v == null || !Double.isFinite(v)) throw new IllegalArgumentException("bar '" + n + "' has no finite value: " + v);
      ys.add(v);
    }
    CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
        .title(title == null ? "" : title).yAxisTitle(yTitle == null ? "" : yTitle).build();
    CategoryStyler s = chart.getStyler();
    Theme.style(s);
    s.setLegendVisible(false);
    s.setLegendPosition(LegendPosition.OutsideS);
    s.setXAxisLabelRotation(30);
    s.setYAxisDecimalPattern(Theme.decimalPattern(0, ys.stream().mapToDouble(Math::abs).max().orElse(1)));
    s.setChartTitleVisible(title != null && !title.isEmpty());
    s.setYAxisTitleVisible(yTitle != null && !yTitle.isEmpty());
    CategorySeries series = chart.addSeries(yTitle == null || yTitle.isEmpty() ? "value" : yTitle, names, ys);
    series.setFillColor(Theme.palette(0));
    return chart;
  }
}
