package org.ganbook.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class Figure1Test {

  static { Pngs.headless(); }

  @TempDir Path tmp;

  /** Logistic densities: G(z) = mu + s log(z / (1 - z)) maps z ~ U(0, 1) exactly onto them. */
  static double logistic(double x, double mu, double s) {
    double e = Math.exp(-(x - mu) / s);
    return e / (s * (1 + e) * (1 + e));
  }

  /** Figure 1's four stages: G moves towards p_data, D towards 1/2. */
  static List<Figure1.Snapshot> stages() {
    int n = 241;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = -1 + 8.0 * i / (n - 1);
    double[] muG = {1.8, 2.5, 3.3, 4.0}, sG = {0.6, 0.5, 0.42, 0.35};
    List<Figure1.Snapshot> out = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      double[] pd = new double[n], pg = new double[n], d = new double[n];
      for (int i = 0; i < n; i++) {
        pd[i] = logistic(x[i], 4, 0.35);
        pg[i] = logistic(x[i], muG[k], sG[k]);
        double opt = pd[i] / (pd[i] + pg[i] + 1e-300);
        // (a): D only partially trained; (b)-(d): D = D*_G.
        d[i] = k == 0 ? 0.5 + 0.6 * (opt - 0.5) : opt;
      }
      int m = 17;
      double[] z = new double[m], gz = new double[m];
      for (int j = 0; j < m; j++) {
        z[j] = (j + 0.5) / m;
        gz[j] = muG[k] + sG[k] * Math.log(z[j] / (1 - z[j]));
      }
      out.add(new Figure1.Snapshot(x, pd, pg, d, z, gz));
    }
    return out;
  }

  @Test
  void chartDrawsTheThreeCurvesInFigure1sColours() throws Exception {
    var s = stages().get(1);
    XYChart chart = Figure1.chart("Figure 1 (b): D near D*_G", s);
    assertEquals(Theme.P_DATA, chart.getSeriesMap().get("p_data").getLineColor());
    assertEquals(Theme.DOTTED, chart.getSeriesMap().get("p_data").getLineStyle());
    assertEquals(Theme.P_G, chart.getSeriesMap().get("p_g").getLineColor());
    assertEquals(Theme.D, chart.getSeriesMap().get("D(x)").getLineColor());
    assertEquals(Theme.DASHED, chart.getSeriesMap().get("D(x)").getLineStyle());
    long inLegend = chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).count();
    assertEquals(3, inLegend, "legend: p_data, p_g, D(x) only");
    // The mapping band sits below 0 and carries no tick labels; values above do, rounded.
    var fmt = chart.getStyler().getyAxisTickLabelsFormattingFunction();
    assertEquals(" ", fmt.apply(-0.4), "a blank: XChart refuses to lay out an empty label");
    assertEquals("0.5", fmt.apply(0.5));
    assertEquals("1", fmt.apply(1.0000000000000002));
    assertTrue(chart.getStyler().getYAxisDecimalPattern().startsWith("#,##0."));

    // A tall panel has ticks in the band under 0 too: they must draw (an empty label threw).
    assertTrue(Charts.toImage(Figure1.chart("tall", s, 640, 1400)).getHeight() == 1400);

    BufferedImage img = Pngs.roundTrip(chart, Pngs.dir(tmp).resolve("figure1-b.png"));
    assertTrue(Pngs.count(img, Theme.P_G, 0) > 150, "p_g in green");
    assertTrue(Pngs.count(img, Theme.D, 0) > 100, "D in blue");
    // p_data is dotted black: count dark pixels inside the plot's upper area, away from text.
    int dark = 0;
    for (int y = 60; y < 200; y++) for (int x = 380; x < 520; x++) if ((img.getRGB(x, y) & 0xFF) < 60) dark++;
    assertTrue(dark > 40, "p_data's black dots near its peak, found " + dark);
  }

  @Test
  void panelsComposeFourStagesSideBySide() throws Exception {
    BufferedImage img = Figure1.panels(stages());
    assertEquals(4 * Figure1.PANEL_WIDTH + 3 * Panels.GAP, img.getWidth());
    assertTrue(img.getHeight() > Figure1.PANEL_HEIGHT, "room for the captions");
    Pngs.roundTrip(img, Pngs.dir(tmp).resolve("figure1-panels.png"));
    // Each panel has its green p_g.
    for (int p = 0; p < 4; p++) {
      BufferedImage panel = img.getSubimage(p * (Figure1.PANEL_WIDTH + Panels.GAP), 0, Figure1.PANEL_WIDTH, Figure1.PANEL_HEIGHT);
      assertTrue(Pngs.count(panel, Theme.P_G, 0) > 50, "panel " + p);
    }
  }

  @Test
  void curvesAreOptionalButMustMatchTheGrid() throws Exception {
    double[] x = {0, 1, 2};
    XYChart onlyDensities = Figure1.chart("p_g against p_data", new Figure1.Snapshot(x, new double[] {0.1, 0.5, 0.1}, new double[] {0.2, 0.3, 0.2}, null));
    assertEquals(2, onlyDensities.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).count());
    Pngs.roundTrip(onlyDensities, tmp.resolve("densities.png"));
    var e = assertThrows(IllegalArgumentException.class, () -> new Figure1.Snapshot(x, new double[2], null, null));
    assertTrue(e.getMessage().contains("p_data"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Figure1.Snapshot(x, null, null, null, new double[1], null));
  }
}
