package org.ganbook.viz;

import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Dashed and dotted curves that stay dashed on dense data. XChart strokes a line point to point,
 * so a dash pattern restarts at every data point and a curve sampled every 2 px looks solid. Here
 * the curve is cut into dashes of the pattern's length in pixels (pieces separated by NaN, where
 * XChart lifts the pen), and redrawn whenever the axes' ranges change.
 */
final class Dashes {

  private record Original(double[] x, double[] y, Theme.Line line) {}

  private static final Map<XYSeries, Original> ORIGINALS = new WeakHashMap<>();

  private Dashes() {}

  static synchronized void register(XYSeries s, double[] x, double[] y, Theme.Line line) {
    if (line != Theme.Line.SOLID) ORIGINALS.put(s, new Original(x.clone(), y.clone(), line));
  }

  /** The data a series was given, before it was cut into dashes. */
  static synchronized double[][] original(XYSeries s) {
    Original o = ORIGINALS.get(s);
    return o == null ? new double[][] {s.getXData(), s.getYData()} : new double[][] {o.x(), o.y()};
  }

  /** Recuts every dashed series of the chart for axes spanning [xLo, xHi] x [yLo, yHi]. */
  static synchronized void apply(XYChart chart, double xLo, double xHi, double yLo, double yHi) {
    // The plot is the chart less its title, axes and legend: a close estimate is enough for dashes.
    double pxX = Math.max(50, chart.getWidth() - 100) / Math.max(xHi - xLo, 1e-300);
    double pxY = Math.max(50, chart.getHeight() - 130) / Math.max(yHi - yLo, 1e-300);
    for (XYSeries s : chart.getSeriesMap().values()) {
      Original o = ORIGINALS.get(s);
      if (o == null) continue;
      float[] pattern = o.line().stroke.getDashArray();
      double[][] d = cut(o.x(), o.y(), pattern[0], pattern[1], pxX, pxY);
      chart.updateXYSeries(s.getName(), d[0], d[1], null);
    }
  }

  /**
   * The polyline (x, y) as dashes {@code on} px long, {@code off} px apart (px per unit pxX, pxY);
   * pieces separated by NaN. No piece has a segment longer than {@code on}, so a stroke with the
   * same pattern draws every piece whole.
   */
  static double[][] cut(double[] x, double[] y, double on, double off, double pxX, double pxY) {
    double[] ox = new double[Math.max(16, 4 * x.length)], oy = new double[ox.length];
    int n = 0;
    boolean drawing = true, open = false;
    double phase = 0; // px already spent in the current dash or gap
    for (int i = 0; i + 1 < x.length; i++) {
      double x0 = x[i], y0 = y[i], x1 = x[i + 1], y1 = y[i + 1];
      if (!(Double.isFinite(x0) && Double.isFinite(y0) && Double.isFinite(x1) && Double.isFinite(y1))) {
        if (open) { ox = grow(ox, n + 1); oy = grow(oy, n + 1); ox[n] = oy[n] = Double.NaN; n++; open = false; }
        continue;
      }
      double len = Math.hypot((x1 - x0) * pxX, (y1 - y0) * pxY);
      double t = 0;
      while (t < len || (len == 0 && t == 0)) {
        double step = Math.min((drawing ? on : off) - phase, len - t);
        if (drawing) {
          ox = grow(ox, n + 3);
          oy = grow(oy, n + 3);
          if (!open) {
            ox[n] = x0 + (x1 - x0) * (len == 0 ? 0 : t / len);
            oy[n] = y0 + (y1 - y0) * (len == 0 ? 0 : t / len);
            n++;
            open = true;
          }
          ox[n] = x0 + (x1 - x0) * (len == 0 ? 1 : (t + step) / len);
          oy[n] = y0 + (y1 - y0) * (len == 0 ? 1 : (t + step) / len);
          n++;
        }
        t += step;
        phase += step;
        if (phase >= (drawing ? on : off) - 1e-9) {
          if (drawing && open) {
            ox = grow(ox, n + 1);
            oy = grow(oy, n + 1);
            ox[n] = oy[n] = Double.NaN;
            n++;
            open = false;
          }
          drawing = !drawing;
          phase = 0;
        }
        if (len == 0) break;
      }
    }
    if (n > 0 && Double.isNaN(ox[n - 1])) n--;
    if (n == 0) return new double[][] {x.clone(), y.clone()};
    return new double[][] {Arrays.copyOf(ox, n), Arrays.copyOf(oy, n)};
  }

  private static double[] grow(double[] a, int need) {
    return need <= a.length ? a : Arrays.copyOf(a, Math.max(need, 2 * a.length));
  }
}
