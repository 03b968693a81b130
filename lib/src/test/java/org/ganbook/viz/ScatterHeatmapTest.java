package org.ganbook.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScatterHeatmapTest {

  static { Pngs.headless(); }

  @TempDir Path tmp;

  /** 8 Gaussians on a ring of radius 1 at 8 distinct angles. */
  static INDArray ringModes() {
    double[] m = new double[16];
    for (int k = 0; k < 8; k++) {
      m[2 * k] = Math.cos(2 * Math.PI * k / 8);
      m[2 * k + 1] = Math.sin(2 * Math.PI * k / 8);
    }
    return Nd4j.create(m, new long[] {8, 2});
  }

  /** n points around the given modes (a subset of them: a collapsed G) with spread sigma. */
  static INDArray around(INDArray modes, int[] which, int n, double sigma, long seed) {
    var rnd = new Random(seed);
    double[] p = new double[2 * n];
    for (int i = 0; i < n; i++) {
      int k = which[i % which.length];
      p[2 * i] = modes.getDouble(k, 0) + sigma * rnd.nextGaussian();
      p[2 * i + 1] = modes.getDouble(k, 1) + sigma * rnd.nextGaussian();
    }
    return Nd4j.create(p, new long[] {n, 2});
  }

  @Test
  void scatterShowsSamplesOverDataWithModesOnEqualAxes() throws Exception {
    INDArray modes = ringModes();
    INDArray data = around(modes, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 2500, 0.05, 1);
    INDArray samples = around(modes, new int[] {1, 2, 5}, 2500, 0.08, 2);
    XYChart chart = Scatter.chart("8 Gaussians: G covers 3 of 8 modes", data, samples, modes);
    var st = chart.getStyler();
    assertEquals(st.getXAxisMin(), st.getYAxisMin());
    assertEquals(st.getXAxisMax(), st.getYAxisMax());
    XYSeries g = chart.getSeriesMap().get("p_g");
    assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, g.getXYSeriesRenderStyle());
    assertEquals(Theme.P_G.getRGB() & 0xFFFFFF, g.getMarkerColor().getRGB() & 0xFFFFFF);
    assertTrue(g.getMarkerColor().getAlpha() < 255, "dense samples are translucent");
    assertEquals(Theme.MODE_CROSS, chart.getSeriesMap().get("modes").getMarker());
    assertEquals(2500, g.getXData().length);
    assertEquals(samples.getDouble(17, 1), g.getYData()[17], 0);
    assertTrue(st.getXAxisDecimalPattern().matches("#,##0\\.#{1,3}"), st.getXAxisDecimalPattern());
    BufferedImage img = Pngs.roundTrip(chart, Pngs.dir(tmp).resolve("scatter-ring.png"));
    assertTrue(Pngs.count(img, Theme.MODE, 0) > 20, "red mode crosses");
    assertTrue(Pngs.count(img, Theme.P_G, 40) > 300, "green samples");
    assertThrows(IllegalArgumentException.class, () -> Scatter.chart("t", Nd4j.zeros(5, 3), null, null));
    assertThrows(IllegalArgumentException.class, () -> Scatter.chart("t", null, null, null));
  }

  @Test
  void gridPointsRunXFastest() {
    var grid = new Heatmap.Grid(-1, 1, 0, 4, 3, 5);
    INDArray p = grid.points();
    assertEquals(15, p.size(0));
    assertEquals(-1, p.getDouble(0, 0), 1e-6);
    assertEquals(0, p.getDouble(1, 0), 1e-6);
    assertEquals(0, p.getDouble(1, 1), 1e-6);
    assertEquals(1, p.getDouble(3, 1), 1e-6); // k = 3: second row, y = 1
    assertEquals(-1, p.getDouble(3, 0), 1e-6);
    assertEquals(4, p.getDouble(14, 1), 1e-6);
    assertThrows(IllegalArgumentException.class, () -> new Heatmap.Grid(1, 1, 5));
  }

  @Test
  void heatmapColoursTheFieldAndItsScale() throws Exception {
    var grid = new Heatmap.Grid(-1.5, 1.5, 121);
    INDArray pts = grid.points();
    // A D that believes the ring: high near radius 1, low elsewhere.
    INDArray r = pts.mul(pts).sum(1).reshape(-1);
    for (int i = 0; i < r.length(); i++) r.putScalar(i, Math.exp(-Math.pow(Math.sqrt(r.getDouble(i)) - 1, 2) / 0.05));
    INDArray samples = around(ringModes(), new int[] {1, 2, 5}, 300, 0.08, 3);
    BufferedImage img = Heatmap.of(grid, r).title("D(x) over the plane").label("D(x)").range(0, 1)
        .overlay("G(z)", samples, Theme.P_G).toImage();
    assertEquals(600, img.getWidth());
    assertEquals(520, img.getHeight());
    Pngs.roundTrip(img, Pngs.dir(tmp).resolve("heatmap-D.png"));
    assertTrue(Pngs.count(img, Heatmap.colour(1), 6) > 200, "dark blue where D = 1");
    assertTrue(Pngs.count(img, Heatmap.colour(0), 2) > 2000, "near-white where D = 0");
    assertTrue(Pngs.count(img, Theme.P_G, 30) > 100, "green samples over the field");
    assertTrue(Pngs.distinctColours(img) > 100, "a smooth scale");
    assertThrows(IllegalArgumentException.class, () -> Heatmap.of(grid, Nd4j.zeros(10)));
  }

  @Test
  void colourScaleRunsWhiteToBlueAndClamps() {
    Color lo = Heatmap.colour(0), hi = Heatmap.colour(1);
    assertTrue(lo.getRed() > 240 && lo.getGreen() > 240 && lo.getBlue() > 240, lo.toString());
    assertTrue(hi.getBlue() > hi.getRed() + 50, hi.toString());
    assertEquals(hi, Heatmap.colour(3));
    assertEquals(lo, Heatmap.colour(-1));
    // Monotone in lightness: a reader can read the scale in grey print.
    double prev = 1e9;
    for (int i = 0; i <= 20; i++) {
      Color c = Heatmap.colour(i / 20.0);
      double l = 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
      assertTrue(l < prev, "lightness falls at " + i);
      prev = l;
    }
    assertEquals("0.5", Heatmap.Ticks.of(0, 1).label(0.5));
    assertEquals("1,500", Heatmap.Ticks.of(0, 3000).label(1500));
  }
}
