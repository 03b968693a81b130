package org.ganbook.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import org.ganbook.gan.HistoryColumn;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one look of every chart in the book. XChart's defaults are made for dashboards (a marker on
 * every point, fifteen-digit tick labels, a grey frame); a reader of the paper needs fewer inks and
 * the same colour for the same thing in every chapter, as in Figure 1 of Goodfellow et al. (2014):
 * data black, the generator green, the discriminator blue and dashed.
 */
public final class Theme {

  /** p_data, the data-generating distribution (black, as in Figure 1). */
  public static final Color P_DATA = Color.BLACK;
  /** p_g, the generator's distribution, and G's samples (green, as in Figure 1). */
  public static final Color P_G = new Color(0x2C, 0xA0, 0x2C);
  /** D, the discriminator (blue and dashed, as in Figure 1). */
  public static final Color D = new Color(0x1F, 0x5F, 0xC4);
  /** Modes, targets and reference points: red, drawn as crosses. */
  public static final Color MODE = new Color(0xD6, 0x27, 0x28);

  /**
   * Other series (losses, runs with different k): colours that are neither black, green nor blue,
   * so they never read as p_data, p_g or D.
   */
  static final Color[] PALETTE = {
    new Color(0xE6, 0x7E, 0x0E), // orange
    new Color(0x94, 0x67, 0xBD), // purple
    new Color(0xD6, 0x27, 0x28), // red
    new Color(0x17, 0xBE, 0xCF), // cyan
    new Color(0x8C, 0x56, 0x4B), // brown
    new Color(0xE3, 0x77, 0xC2), // pink
    new Color(0x7F, 0x7F, 0x7F), // grey
    new Color(0xBC, 0xBD, 0x22), // olive
  };

  /**
   * A bold x of fixed size for modes and targets: XChart's cross scales with the (small) sample
   * marker size and vanishes among thousands of samples.
   */
  public static final Marker MODE_CROSS = new Marker() {
    @Override
    public void paint(java.awt.Graphics2D g, double x, double y, int markerSize) {
      double h = 6;
      g.setStroke(new BasicStroke(2.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(new java.awt.geom.Line2D.Double(x - h, y - h, x + h, y + h));
      g.draw(new java.awt.geom.Line2D.Double(x - h, y + h, x + h, y - h));
    }
  };

  /** Default size: wide enough for a notebook cell, small enough for half a PDF page. */
  public static final int WIDTH = 640;

  public static final int HEIGHT = 400;

  static final String FONT = Font.SANS_SERIF; // DejaVu Sans on Debian: has ‖, ∇, θ, ψ, ·
  static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 16);
  static final Font AXIS_TITLE_FONT = new Font(FONT, Font.PLAIN, 14);
  static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 12);
  static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 13);
  static final Font CAPTION_FONT = new Font(FONT, Font.PLAIN, 15);

  static final BasicStroke SOLID = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  static final BasicStroke DASHED =
      new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 5f}, 0f);
  static final BasicStroke DOTTED =
      new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1.5f, 4.5f}, 0f);
  static final BasicStroke THIN = new BasicStroke(1f);

  /** How a curve is drawn: solid, dashed (D) or dotted (p_data in Figure 1). */
  public enum Line {
    SOLID(Theme.SOLID), DASHED(Theme.DASHED), DOTTED(Theme.DOTTED);

    final BasicStroke stroke;

    Line(BasicStroke stroke) {
      this.stroke = stroke;
    }
  }

  /** The paper's symbols for the column names the trainer writes (history tables). */
  private static final Map<String, String> SYMBOLS = Map.ofEntries(
      Map.entry(HistoryColumn.LOSS_D.columnName(), "loss of D"),
      Map.entry(HistoryColumn.LOSS_G.columnName(), "loss of G"),
      Map.entry(HistoryColumn.MEAN_D_X.columnName(), "mean D(x)"),
      Map.entry(HistoryColumn.MEAN_D_G_Z.columnName(), "mean D(G(z))"),
      Map.entry(HistoryColumn.GRAD_NORM_D.columnName(), "‖∇D‖"),
      Map.entry(HistoryColumn.GRAD_NORM_G.columnName(), "‖∇G‖"),
      Map.entry("value", "V(D, G)"),
      Map.entry("V", "V(D, G)"),
      Map.entry("jsd", "JSD(p_data ‖ p_g)"),
      Map.entry("JSD", "JSD(p_data ‖ p_g)"));

  /** Meaningful colours for those columns: what concerns data black, G green, D blue. */
  private static final Map<String, Color> SYMBOL_COLOURS = Map.of(
      HistoryColumn.LOSS_D.columnName(), D, HistoryColumn.LOSS_G.columnName(), P_G,
      HistoryColumn.MEAN_D_X.columnName(), P_DATA, HistoryColumn.MEAN_D_G_Z.columnName(), P_G,
      HistoryColumn.GRAD_NORM_D.columnName(), D, HistoryColumn.GRAD_NORM_G.columnName(), P_G);

  private Theme() {}

  /** The label a chart shows for a column or series name: the paper's symbol where one exists. */
  public static String symbol(String name) {
    return SYMBOLS.getOrDefault(name, name);
  }

  /** Colour of the i-th series that has no fixed meaning. */
  public static Color palette(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** The same colour with alpha in [0, 1] (dense scatter plots). */
  public static Color withAlpha(Color c, double alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * alpha));
  }

  static Color colourOf(String name) {
    return SYMBOL_COLOURS.get(name);
  }

  /**
   * Logarithmic x and/or y axes with tick labels in powers of ten (1E-3, 1E-2, ...): the default
   * rounded decimals would print the small ticks as 0. Returns the chart.
   */
  public static XYChart logAxes(XYChart chart, boolean x, boolean y) {
    XYStyler s = chart.getStyler();
    if (x) {
      s.setXAxisLogarithmic(true);
      s.setXAxisDecimalPattern("0.##E0");
    }
    if (y) {
      s.setYAxisLogarithmic(true);
      s.setYAxisDecimalPattern("0.##E0");
    }
    return chart;
  }

  /** An empty line chart in the theme, default size. */
  public static XYChart xyChart(String title, String xTitle, String yTitle) {
    return xyChart(title, xTitle, yTitle, WIDTH, HEIGHT);
  }

  /** An empty line chart in the theme. */
  public static XYChart xyChart(String title, String xTitle, String yTitle, int width, int height) {
    if (width < 100 || height < 100) {
      throw new IllegalArgumentException("chart size " + width + "x" + height + " is too small (min 100x100)");
    }
    XYChart chart = new XYChartBuilder().width(width).height(height)
        .title(title == null ? "" : title)
        .xAxisTitle(xTitle == null ? "" : xTitle)
        .yAxisTitle(yTitle == null ? "" : yTitle)
        .build();
    XYStyler s = chart.getStyler();
    style(s);
    s.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
    s.setXAxisTitleVisible(xTitle != null && !xTitle.isEmpty());
    s.setYAxisTitleVisible(yTitle != null && !yTitle.isEmpty());
    s.setChartTitleVisible(title != null && !title.isEmpty());
    return chart;
  }

  /** Applies the theme to any axes chart's styler (XY, heat map). */
  static void style(AxesChartStyler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(TITLE_FONT);
    s.setChartFontColor(Color.BLACK);
    s.setAxisTitleFont(AXIS_TITLE_FONT);
    s.setAxisTickLabelsFont(TICK_FONT);
    s.setAxisTickLabelsColor(new Color(0x33, 0x33, 0x33));
    s.setAxisTickMarksColor(new Color(0x66, 0x66, 0x66));
    s.setAxisTicksLineVisible(true);
    s.setPlotTicksMarksVisible(false);
    s.setPlotGridLinesVisible(true);
    s.setPlotGridLinesColor(new Color(0xE8, 0xE8, 0xE8));
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setLegendFont(LEGEND_FONT);
    s.setLegendBorderColor(Color.WHITE);
    s.setLegendBackgroundColor(Color.WHITE);
    // Below the plot a legend never hides a curve, whatever the data do.
    s.setLegendPosition(LegendPosition.OutsideS);
    s.setLegendLayout(LegendLayout.Horizontal);
    s.setLegendSeriesLineLength(28);
    s.setLegendPadding(14);
    s.setChartPadding(12);
    s.setPlotMargin(6);
    s.setPlotContentSize(0.96);
    s.setMarkerSize(5);
    s.setAntiAlias(true);
    s.setLocale(Locale.ROOT);
    s.setToolTipsEnabled(false);
    s.setSeriesColors(PALETTE);
    s.setDecimalPattern(DEFAULT_PATTERN);
    s.setXAxisDecimalPattern(DEFAULT_PATTERN);
    s.setYAxisDecimalPattern(DEFAULT_PATTERN);
  }

  static final String DEFAULT_PATTERN = "#,##0.##";

  /**
   * A decimal pattern for tick labels on an axis spanning [lo, hi]: enough decimals to tell ticks
   * apart (ticks are at most about twenty per axis), never fifteen.
   */
  public static String decimalPattern(double lo, double hi) {
    double range = hi - lo;
    if (!(range > 0) || !Double.isFinite(range)) {
      double m = Math.max(Math.abs(lo), Math.abs(hi));
      range = m > 0 && Double.isFinite(m) ? m : 1;
    }
    int decimals = (int) Math.max(0, Math.ceil(-Math.log10(range / 20)));
    decimals = Math.min(decimals, 8);
    return decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals);
  }

  static DecimalFormat format(String pattern) {
    return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
  }

  /**
   * Adds a curve: a line without markers. Infinite values (log 0 at the ends of log(1 - D)) leave a
   * gap instead of stretching the axis to infinity.
   */
  public static XYSeries curve(XYChart chart, String name, double[] x, double[] y, Color colour, Line line) {
    checkLengths(name, x, y);
    x = finiteOrNaN(x);
    y = finiteOrNaN(y);
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(colour);
    s.setLineStyle(line.stroke);
    Dashes.register(s, x, y, line);
    roundTicks(chart);
    return s;
  }

  /** Adds samples: markers without a line. */
  public static XYSeries points(XYChart chart, String name, double[] x, double[] y, Color colour, Marker marker) {
    checkLengths(name, x, y);
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    s.setMarker(marker);
    s.setMarkerColor(colour);
    s.setLineStyle(new BasicStroke(0f));
    roundTicks(chart);
    return s;
  }

  /** Sets the tick-label decimal patterns of both axes from the data's and the axes' ranges. */
  static void roundTicks(XYChart chart) {
    double xLo = Double.POSITIVE_INFINITY, xHi = Double.NEGATIVE_INFINITY;
    double yLo = Double.POSITIVE_INFINITY, yHi = Double.NEGATIVE_INFINITY;
    for (XYSeries s : chart.getSeriesMap().values()) {
      if (!s.isEnabled()) continue;
      double[][] xy = Dashes.original(s);
      for (double v : xy[0]) {
        if (Double.isFinite(v)) { xLo = Math.min(xLo, v); xHi = Math.max(xHi, v); }
      }
      for (double v : xy[1]) {
        if (Double.isFinite(v)) { yLo = Math.min(yLo, v); yHi = Math.max(yHi, v); }
      }
    }
    XYStyler st = chart.getStyler();
    if (st.getXAxisMin() != null) xLo = st.getXAxisMin();
    if (st.getXAxisMax() != null) xHi = st.getXAxisMax();
    if (st.getYAxisMin() != null) yLo = st.getYAxisMin();
    if (st.getYAxisMax() != null) yHi = st.getYAxisMax();
    if (xLo <= xHi) st.setXAxisDecimalPattern(decimalPattern(xLo, xHi));
    if (yLo <= yHi) st.setYAxisDecimalPattern(decimalPattern(yLo, yHi));
    if (xLo < xHi && yLo < yHi) Dashes.apply(chart, xLo, xHi, yLo, yHi);
    roundXTicks(chart);
  }

  /** Name of the hidden series that keeps x ticks round (see {@link #roundXTicks}). */
  static final String TICK_HELPER = "\u200Bround x ticks";

  /**
   * XChart 3.8 puts x ticks on data points when all x values are equally spaced (iterations are),
   * which gives ticks like 0, 134, 268. A disabled one-point series between the first two x values
   * breaks the equal spacing, so XChart falls back to round ticks (0, 200, 400); disabled, it is
   * neither drawn, nor in the legend, nor counted in the axis ranges.
   */
  static void roundXTicks(XYChart chart) {
    chart.removeSeries(TICK_HELPER);
    double y = Double.NaN;
    // The three smallest distinct x values, in one pass (histories have 10^5 points per series).
    double a = Double.POSITIVE_INFINITY, b = a, c = a;
    for (XYSeries s : chart.getSeriesMap().values()) {
      for (double v : s.getXData()) {
        if (!Double.isFinite(v) || v == a || v == b || v == c) continue;
        if (v < a) { c = b; b = a; a = v; } else if (v < b) { c = b; b = v; } else if (v < c) { c = v; }
      }
      for (double v : s.getYData()) if (Double.isNaN(y) && Double.isFinite(v)) y = v;
    }
    if (c == Double.POSITIVE_INFINITY || Double.isNaN(y)) return;
    double first = a, second = b;
    XYSeries h = chart.addSeries(TICK_HELPER, new double[] {first + 0.5 * (second - first)}, new double[] {y});
    h.setEnabled(false);
    h.setShowInLegend(false);
    h.setMarker(SeriesMarkers.NONE);
  }

  private static double[] finiteOrNaN(double[] a) {
    double[] out = null;
    for (int i = 0; i < a.length; i++) {
      if (Double.isInfinite(a[i])) {
        if (out == null) out = a.clone();
        out[i] = Double.NaN;
      }
    }
    return out == null ? a : out;
  }

  static void checkLengths(String name, double[] x, double[] y) {
    if (x == null || y == null) {
      throw new IllegalArgumentException("series '" + name + "': x and y must not be null");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series '" + name + "': x has " + x.length + " values but y has " + y.length);
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("series '" + name + "' is empty");
    }
  }
}
