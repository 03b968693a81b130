package org.ganbook.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A vector field as arrows on a grid, with trajectories over it: the gradient field of a game and
 * the paths of gradient steps (Mescheder et al. 2017's Dirac GAN, where simultaneous steps spiral
 * out and consensus optimisation spirals in).
 */
public final class VectorField {

  static final int SIZE = 520;
  private static final Color ARROW = new Color(0x8A, 0x8A, 0x8A);

  private VectorField() {}

  /**
   * Arrows (u[i], v[i]) at (x[i], y[i]), scaled together (lengths stay proportional to |v|) so the
   * longest spans about one grid cell. A square chart; add paths with {@link #addTrajectory}.
   */
  public static XYChart chart(String title, String xTitle, String yTitle, double[] x, double[] y, double[] u, double[] v) {
    Theme.checkLengths("arrows", x, y);
    Theme.checkLengths("arrows", u, v);
    if (u.length != x.length) {
      throw new IllegalArgumentException(x.length + " arrow positions but " + u.length + " vectors");
    }
    XYChart chart = Theme.xyChart(title, xTitle, yTitle, SIZE, SIZE + 30);
    chart.getStyler().setPlotGridLinesVisible(false);
    double xMin = Figure1.min(x), xMax = Figure1.max(x), yMin = Figure1.min(y), yMax = Figure1.max(y);
    int nx = distinct(x), ny = distinct(y);
    double cellX = nx > 1 ? (xMax - xMin) / (nx - 1) : 1, cellY = ny > 1 ? (yMax - yMin) / (ny - 1) : 1;
    double x0 = xMin - cellX / 2, x1 = xMax + cellX / 2, y0 = yMin - cellY / 2, y1 = yMax + cellY / 2;
    double longest = 0;
    for (int i = 0; i < u.length; i++) {
      double len = Math.hypot(u[i], v[i]);
      if (Double.isFinite(len)) longest = Math.max(longest, len);
    }
    // One scale for both components keeps directions true; the longest arrow fills 90% of a cell.
    double k = longest > 0 ? 0.9 * Math.min(cellX, cellY) / longest : 0;
    Arrows arrows = new Arrows(u.length, x1 - x0, y1 - y0, 1.0);
    for (int i = 0; i < u.length; i++) {
      if (!Double.isFinite(u[i]) || !Double.isFinite(v[i])) continue;
      double ex = x[i] + k * u[i], ey = y[i] + k * v[i];
      arrows.add(x[i], y[i], ex, ey, 0.35 * arrows.length(x[i], y[i], ex, ey));
    }
    XYSeries s = Theme.curve(chart, "field", arrows.x(), arrows.y(), ARROW, Theme.Line.SOLID);
    s.setLineStyle(new BasicStroke(1.1f));
    s.setShowInLegend(false);
    XYStyler st = chart.getStyler();
    st.setXAxisMin(x0);
    st.setXAxisMax(x1);
    st.setYAxisMin(y0);
    st.setYAxisMax(y1);
    Theme.roundTicks(chart);
    return chart;
  }

  /**
   * A path (x[t], y[t]) drawn over the field in the next palette colour, its start marked by a dot
   * and its end by an arrowhead.
   */
  public static XYSeries addTrajectory(XYChart chart, String name, double[] x, double[] y) {
    int paths = (int) chart.getSeriesMap().keySet().stream().filter(n -> n.startsWith("start of ")).count();
    return addTrajectory(chart, name, x, y, Theme.palette(paths));
  }

  /** A path in a chosen colour. Points outside the axes are clipped, not rescaled. */
  public static XYSeries addTrajectory(XYChart chart, String name, double[] x, double[] y, Color colour) {
    Theme.checkLengths(name, x, y);
    XYSeries path = Theme.curve(chart, name, x, y, colour, Theme.Line.SOLID);
    XYSeries start = Theme.points(chart, "start of " + name, new double[] {x[0]}, new double[] {y[0]}, colour, SeriesMarkers.CIRCLE);
    start.setShowInLegend(false);
    chart.getStyler().setMarkerSize(9);
    int n = x.length;
    if (n >= 2) {
      var st = chart.getStyler();
      double xSpan = st.getXAxisMin() != null && st.getXAxisMax() != null
          ? st.getXAxisMax() - st.getXAxisMin() : Figure1.max(x) - Figure1.min(x);
      double ySpan = st.getYAxisMin() != null && st.getYAxisMax() != null
          ? st.getYAxisMax() - st.getYAxisMin() : Figure1.max(y) - Figure1.min(y);
      if (!(xSpan > 0)) xSpan = 1;
      if (!(ySpan > 0)) ySpan = 1;
      var head = new Arrows(1, xSpan, ySpan, 1.0);
      head.addHead(x[n - 2], y[n - 2], x[n - 1], y[n - 1], 0.035);
      if (head.x().length > 0) {
        XYSeries h = Theme.curve(chart, "end of " + name, head.x(), head.y(), colour, Theme.Line.SOLID);
        h.setShowInLegend(false);
      }
    }
    return path;
  }

  private static int distinct(double[] a) {
    var set = new TreeSet<Double>();
    double span = Figure1.max(a) - Figure1.min(a);
    double q = span > 0 ? span * 1e-9 : 1;
    for (double v : a) set.add(Math.rint(v / q) * q);
    return set.size();
  }
}
