package org.ganbook.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class VectorFieldTest {

  static { Pngs.headless(); }

  @TempDir Path tmp;

  /** The Dirac GAN's gradient field (Mescheder et al. 2018): f'(t) = 1 / (1 + e^t). */
  static double[] field(double theta, double psi) {
    double fp = 1 / (1 + Math.exp(theta * psi));
    return new double[] {-psi * fp, theta * fp};
  }

  static double[][] path(double theta, double psi, double h, int steps, double gamma) {
    double[] t = new double[steps], p = new double[steps];
    for (int i = 0; i < steps; i++) {
      t[i] = theta;
      p[i] = psi;
      double[] v = field(theta, psi);
      // Consensus optimisation: w = v - gamma * grad(|v|^2 / 2), the gradient by finite differences.
      double e = 1e-6;
      double n0 = sq(field(theta, psi)), gt = (sq(field(theta + e, psi)) - n0) / e, gp = (sq(field(theta, psi + e)) - n0) / e;
      theta += h * (v[0] - gamma * gt / 2);
      psi += h * (v[1] - gamma * gp / 2);
    }
    return new double[][] {t, p};
  }

  static double sq(double[] v) {
    return v[0] * v[0] + v[1] * v[1];
  }

  @Test
  void quiverWithTrajectories() throws Exception {
    int n = 15;
    double[] x = new double[n * n], y = new double[n * n], u = new double[n * n], v = new double[n * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        int k = j * n + i;
        x[k] = -2 + 4.0 * i / (n - 1);
        y[k] = -2 + 4.0 * j / (n - 1);
        double[] f = field(x[k], y[k]);
        u[k] = f[0];
        v[k] = f[1];
      }
    }
    XYChart chart = VectorField.chart("Dirac GAN: gradient field v(θ, ψ)", "θ", "ψ", x, y, u, v);
    double[][] sim = path(1, 0.5, 0.3, 60, 0);
    double[][] cons = path(1, 0.5, 0.3, 60, 1);
    XYSeries a = VectorField.addTrajectory(chart, "simultaneous steps", sim[0], sim[1]);
    XYSeries b = VectorField.addTrajectory(chart, "consensus optimisation", cons[0], cons[1]);
    assertEquals(Theme.palette(0), a.getLineColor());
    assertEquals(Theme.palette(1), b.getLineColor());
    assertFalse(chart.getSeriesMap().get("field").isShowInLegend());
    var st = chart.getStyler();
    // Axes cover the grid plus half a cell, the same for θ and ψ.
    double half = 4.0 / (n - 1) / 2;
    assertEquals(-2 - half, st.getXAxisMin(), 1e-12);
    assertEquals(2 + half, st.getYAxisMax(), 1e-12);
    assertTrue(st.getXAxisDecimalPattern().matches("#,##0\\.#{1,2}"), st.getXAxisDecimalPattern());

    // The longest arrow spans 90% of a cell: check the drawn shafts.
    double[] ax = chart.getSeriesMap().get("field").getXData(), ay = chart.getSeriesMap().get("field").getYData();
    double longest = 0;
    for (int i = 0; i + 1 < ax.length; i++) {
      if (Double.isNaN(ax[i]) || Double.isNaN(ax[i + 1])) continue;
      if (i == 0 || Double.isNaN(ax[i - 1])) longest = Math.max(longest, Math.hypot(ax[i + 1] - ax[i], ay[i + 1] - ay[i]));
    }
    assertEquals(0.9 * 4.0 / (n - 1), longest, 1e-9);

    BufferedImage img = Pngs.roundTrip(chart, Pngs.dir(tmp).resolve("vector-field.png"));
    assertTrue(Pngs.count(img, Theme.palette(0), 0) > 100, "first trajectory drawn");
    assertTrue(Pngs.count(img, Theme.palette(1), 0) > 50, "second trajectory drawn");
    assertThrows(IllegalArgumentException.class, () -> VectorField.chart("t", "a", "b", x, y, u, new double[3]));
  }
}
