package org.ganbook.viz;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D samples of G (green) over samples of p_data (black), with the mixture's modes as red crosses:
 * the picture of mode collapse. Both axes share one range so a ring stays a ring.
 */
public final class Scatter {

  /** Square by default: the axes share a range. */
  static final int SIZE = 520;

  private Scatter() {}

  /** Data, samples and modes, each [n, 2] or null, in a square chart. */
  public static XYChart chart(String title, INDArray data, INDArray samples, INDArray modes) {
    return chart(title, data, samples, modes, SIZE, SIZE + 30);
  }

  /** As {@link #chart(String, INDArray, INDArray, INDArray)} at a chosen size. */
  public static XYChart chart(String title, INDArray data, INDArray samples, INDArray modes, int width, int height) {
    XYChart chart = Theme.xyChart(title, "x₁", "x₂", width, height);
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    double[][] d = columns("data", data), s = columns("samples", samples), m = columns("modes", modes);
    if (d == null && s == null && m == null) throw new IllegalArgumentException("nothing to draw: data, samples and modes are all null");
    for (double[][] a : new double[][][] {d, s, m}) {
      if (a == null) continue;
      for (double[] col : a) {
        for (double v : col) {
          if (Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        }
      }
    }
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    double pad = 0.06 * (hi - lo);
    // Thousands of points overlap: small markers with alpha show where the mass is.
    if (d != null) {
      XYSeries ser = Theme.points(chart, "p_data", d[0], d[1], Theme.withAlpha(Theme.P_DATA, 0.35), SeriesMarkers.CIRCLE);
      ser.setLabel("data (p_data)");
    }
    if (s != null) {
      XYSeries ser = Theme.points(chart, "p_g", s[0], s[1], Theme.withAlpha(Theme.P_G, 0.45), SeriesMarkers.CIRCLE);
      ser.setLabel("G(z) (p_g)");
    }
    if (m != null) {
      XYSeries ser = Theme.points(chart, "modes", m[0], m[1], Theme.MODE, Theme.MODE_CROSS);
      ser.setLabel("modes");
    }
    XYStyler st = chart.getStyler();
    st.setMarkerSize(4);
    st.setXAxisMin(lo - pad);
    st.setXAxisMax(hi + pad);
    st.setYAxisMin(lo - pad);
    st.setYAxisMax(hi + pad);
    Theme.roundTicks(chart);
    return chart;
  }

  /** Columns x and y of an [n, 2] array, copied out in one transfer; null stays null. */
  static double[][] columns(String what, INDArray a) {
    if (a == null) return null;
    if (a.rank() != 2 || a.size(1) != 2) {
      throw new IllegalArgumentException(what + " must be [n, 2], got " + java.util.Arrays.toString(a.shape()));
    }
    double[] flat = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    int n = (int) a.size(0);
    double[] x = new double[n], y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = flat[2 * i];
      y[i] = flat[2 * i + 1];
    }
    return new double[][] {x, y};
  }
}
