package org.ganbook.viz;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.ganbook.gan.HistoryColumn;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Curves against iterations or any x: training histories, JSD against iterations for several k. */
public final class LineCharts {

  /** The column every training history is indexed by. */
  public static final String ITERATION = HistoryColumn.ITERATION.columnName();

  private LineCharts() {}

  /** One line per column (all numeric columns but {@code iteration} when none are named). */
  public static XYChart history(Table table, String... columns) {
    return history(null, table, 1, columns);
  }

  /** As {@link #history(Table, String...)}, smoothed by a centred moving average of {@code window} iterations. */
  public static XYChart history(Table table, int window, String... columns) {
    return history(null, table, window, columns);
  }

  /**
   * One line per column of a training history against its {@code iteration} column. Per-iteration
   * GAN losses are noisy (each is one minibatch of m): with {@code window > 1} the raw values are
   * drawn faint and a centred moving average over them bold. The legend shows the paper's symbols
   * ({@code mean_D_G_z} reads "mean D(G(z))"); the title defaults to the table's name.
   */
  public static XYChart history(String title, Table table, int window, String... columns) {
    if (table == null) throw new IllegalArgumentException("history table is null");
    if (window < 1) throw new IllegalArgumentException("smoothing window must be >= 1, got " + window);
    double[] it = numeric(table, ITERATION);
    List<String> names = new ArrayList<>();
    if (columns == null || columns.length == 0) {
      for (Column<?> c : table.columns()) {
        if (c instanceof NumericColumn<?> && !c.name().equals(ITERATION)) names.add(c.name());
      }
    } else {
      names.addAll(List.of(columns));
    }
    if (names.isEmpty()) throw new IllegalArgumentException("table '" + table.name() + "' has no numeric columns to draw");
    String t = title != null ? title : (table.name() == null ? "" : table.name());
    String yTitle = names.stream().allMatch(n -> n.startsWith("loss")) ? "loss" : "";
    XYChart chart = Theme.xyChart(t, ITERATION, yTitle);
    List<double[]> ys = new ArrayList<>();
    for (String n : names) ys.add(numeric(table, n));
    List<Color> colours = colours(names);
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      Color c = colours.get(i);
      if (window > 1) {
        XYSeries raw = Theme.curve(chart, n + " (raw)", it, ys.get(i), Theme.withAlpha(c, 0.25), Theme.Line.SOLID);
        raw.setLineStyle(Theme.THIN);
        raw.setShowInLegend(false);
      }
    }
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      double[] y = window > 1 ? movingAverage(ys.get(i), window) : ys.get(i);
      XYSeries s = Theme.curve(chart, n, it, y, colours.get(i), Theme.Line.SOLID);
      s.setLabel(Theme.symbol(n) + (window > 1 ? " (mean of " + window + ")" : ""));
    }
    return chart;
  }

  /**
   * One line per entry of {@code ys} (in the map's order: pass a LinkedHashMap) against a shared
   * {@code x}, e.g. JSD against iterations for k in {1, 5, 20}. Names "p_data", "p_g" and "D" get
   * their fixed colours; others the palette.
   */
  public static XYChart lines(String title, String xTitle, String yTitle, double[] x, Map<String, double[]> ys) {
    if (ys == null || ys.isEmpty()) throw new IllegalArgumentException("no series to draw");
    XYChart chart = Theme.xyChart(title, xTitle, yTitle);
    List<String> names = new ArrayList<>(ys.keySet());
    List<Color> colours = colours(names);
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      Theme.Line line = n.equals("D") || n.startsWith("D(") || n.startsWith("D*") ? Theme.Line.DASHED : Theme.Line.SOLID;
      XYSeries s = Theme.curve(chart, n, x, ys.get(n), colours.get(i), line);
      s.setLabel(Theme.symbol(n));
    }
    if (names.size() > 4) {
      // A row of more than four names runs off the chart's width: list them down its right side.
      chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
      chart.getStyler().setLegendLayout(LegendLayout.Vertical);
    }
    return chart;
  }

  /**
   * Curves measured every {@code every} iterations while their runs go on: the i-th value of a
   * curve is drawn at iteration min((i + 1) every, last), so a curve still running simply ends
   * early, and the x axis spans [0, last] from the first redraw to the last. Curves whose name
   * {@code dashed} accepts are dashed (a baseline beside the method it is compared with).
   */
  public static XYChart measuredEvery(String title, String yTitle, int every, int last,
                                      Map<String, ? extends List<? extends Number>> curves, Predicate<String> dashed) {
    if (every < 1 || last < 1) throw new IllegalArgumentException("every and last must be >= 1, got " + every + ", " + last);
    XYChart chart = Theme.xyChart(title, "iteration", yTitle);
    chart.getStyler().setXAxisMin(0.0).setXAxisMax((double) last);
    List<String> names = new ArrayList<>(curves.keySet());
    List<Color> colours = colours(names);
    for (int i = 0; i < names.size(); i++) {
      List<? extends Number> values = curves.get(names.get(i));
      if (values.isEmpty()) continue;
      double[] x = new double[values.size()], y = new double[values.size()];
      for (int k = 0; k < y.length; k++) {
        x[k] = Math.min((long) (k + 1) * every, last);
        y[k] = values.get(k).doubleValue();
      }
      Theme.curve(chart, names.get(i), x, y, colours.get(i), dashed.test(names.get(i)) ? Theme.Line.DASHED : Theme.Line.SOLID);
    }
    if (chart.getSeriesMap().isEmpty()) throw new IllegalArgumentException("no measurements to draw yet");
    if (names.size() > 4) {
      chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
      chart.getStyler().setLegendLayout(LegendLayout.Vertical);
    }
    return chart;
  }

  /** A horizontal line a long run is read against: a paper's figure, an estimator's ceiling. */
  public record Reference(String name, double value) {}

  /**
   * The learning curves of long runs (the tables {@code Results.curve} reads: an {@code epoch}
   * column and {@code column}), each against its own epochs, so runs of different lengths share one
   * chart; the references are dashed horizontal lines across the epochs drawn.
   */
  public static XYChart longRuns(String title, String yTitle, String column, Map<String, Table> runs, Reference... references) {
    if (runs == null || runs.isEmpty()) throw new IllegalArgumentException("no runs to draw");
    XYChart chart = Theme.xyChart(title, "epoch", yTitle);
    List<String> names = new ArrayList<>(runs.keySet());
    for (Reference r : references) names.add(r.name());
    List<Color> colours = colours(names);
    double first = Double.POSITIVE_INFINITY, last = Double.NEGATIVE_INFINITY;
    int i = 0;
    for (var run : runs.entrySet()) {
      Table t = run.getValue();
      if (!t.columnNames().contains(column)) {
        throw new IllegalArgumentException(run.getKey() + " (" + t.name() + ") has no column " + column + ": " + t.columnNames());
      }
      double[] x = ((NumericColumn<?>) t.column("epoch")).asDoubleArray();
      Theme.curve(chart, run.getKey(), x, ((NumericColumn<?>) t.column(column)).asDoubleArray(), colours.get(i++), Theme.Line.SOLID);
      first = Math.min(first, x[0]);
      last = Math.max(last, x[x.length - 1]);
    }
    for (Reference r : references) {
      Theme.curve(chart, r.name(), new double[] {first, last}, new double[] {r.value(), r.value()}, colours.get(i++), Theme.Line.DASHED);
    }
    if (names.size() > 4) {
      chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
      chart.getStyler().setLegendLayout(LegendLayout.Vertical);
    }
    return chart;
  }

  /** Fixed colours where the name has one and it is not yet taken; the palette otherwise. */
  static List<Color> colours(List<String> names) {
    List<Color> out = new ArrayList<>();
    Set<Color> used = new HashSet<>();
    for (String n : names) {
      Color c = Theme.colourOf(n);
      if (c == null) {
        if (n.equals("p_data")) c = Theme.P_DATA;
        else if (n.equals("p_g")) c = Theme.P_G;
        else if (n.equals("D") || n.startsWith("D(") || n.startsWith("D*")) c = Theme.D;
      }
      if (c != null && used.add(c)) {
        out.add(c);
      } else {
        out.add(null);
      }
    }
    int k = 0;
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i) == null) {
        Color c;
        do {
          c = Theme.palette(k++);
        } while (used.contains(c) && k < Theme.PALETTE.length);
        used.add(c);
        out.set(i, c);
      }
    }
    return out;
  }

  /** Centred moving average; the window shrinks at both ends rather than shifting the curve. */
  static double[] movingAverage(double[] y, int window) {
    int n = y.length;
    double[] prefix = new double[n + 1];
    int[] finite = new int[n + 1];
    for (int i = 0; i < n; i++) {
      boolean ok = Double.isFinite(y[i]);
      prefix[i + 1] = prefix[i] + (ok ? y[i] : 0);
      finite[i + 1] = finite[i] + (ok ? 1 : 0);
    }
    int left = (window - 1) / 2, right = window / 2;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      int a = Math.max(0, i - left), b = Math.min(n, i + right + 1);
      int cnt = finite[b] - finite[a];
      out[i] = cnt == 0 ? Double.NaN : (prefix[b] - prefix[a]) / cnt;
    }
    return out;
  }

  static double[] numeric(Table table, String name) {
    if (!table.containsColumn(name)) {
      throw new IllegalArgumentException(
          "table '" + table.name() + "' has no column '" + name + "'; columns: " + table.columnNames());
    }
    Column<?> c = table.column(name);
    if (!(c instanceof NumericColumn<?> nc)) {
      throw new IllegalArgumentException("column '" + name + "' is " + c.type() + ", not numeric");
    }
    return nc.asDoubleArray();
  }
}
