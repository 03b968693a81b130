package org.ganbook.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

class ThemeChartsTest {

  static { Pngs.headless(); }

  @TempDir Path tmp;

  @Test
  void rendersWithoutADisplay() {
    assertTrue(java.awt.GraphicsEnvironment.isHeadless());
    assertTrue(Pngs.distinctColours(Charts.toImage(LineCharts.lines("t", "x", "y", new double[] {0, 1},
        java.util.Map.of("p_g", new double[] {0, 1})))) > 8);
  }

  @Test
  void decimalPatternHasJustEnoughDecimals() {
    assertEquals("#,##0", Theme.decimalPattern(0, 2000));
    assertEquals("#,##0", Theme.decimalPattern(0, 20));
    assertEquals("#,##0.#", Theme.decimalPattern(0, 10));
    assertEquals("#,##0.##", Theme.decimalPattern(0, 1));
    assertEquals("#,##0.###", Theme.decimalPattern(0.49, 0.51));
    assertEquals("#,##0.##", Theme.decimalPattern(0.7, 0.7)); // a flat line: by its magnitude
    assertEquals("#,##0.########", Theme.decimalPattern(0, 1e-12)); // capped
    // The XChart default this replaces: -1.306532663316583.
    assertEquals("-1.31", Theme.format(Theme.decimalPattern(-1.4, -1.1)).format(-1.306532663316583));
    assertEquals("12,000", Theme.format(Theme.decimalPattern(0, 20000)).format(12000));
  }

  @Test
  void themeIsWhiteFramelessAndCurvesHaveNoMarkers() {
    XYChart chart = Theme.xyChart("V(D, G)", "iteration", "value");
    var st = chart.getStyler();
    assertEquals(Color.WHITE, st.getChartBackgroundColor());
    assertEquals(Color.WHITE, st.getPlotBackgroundColor());
    assertFalse(st.isPlotBorderVisible());
    assertFalse(st.isChartTitleBoxVisible());
    assertEquals(LegendPosition.OutsideS, st.getLegendPosition());
    assertEquals(Theme.WIDTH, chart.getWidth());
    assertEquals(Theme.HEIGHT, chart.getHeight());
    XYSeries c = Theme.curve(chart, "V", new double[] {0, 1, 2, 3}, new double[] {-1.386, -1.3, -1.2, -1.1}, Theme.palette(0), Theme.Line.SOLID);
    assertEquals(SeriesMarkers.NONE, c.getMarker());
    assertEquals("#,##0.##", st.getYAxisDecimalPattern());
    XYSeries p = Theme.points(chart, "samples", new double[] {1}, new double[] {-1.2}, Theme.P_G, SeriesMarkers.CIRCLE);
    assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, p.getXYSeriesRenderStyle());
    assertEquals("V(D, G)", Theme.symbol("value"));
    assertEquals("mean D(G(z))", Theme.symbol("mean_D_G_z"));
    assertEquals("unknown_column", Theme.symbol("unknown_column"));
    assertThrows(IllegalArgumentException.class, () -> Theme.xyChart("t", "x", "y", 50, 400));
    assertThrows(IllegalArgumentException.class, () -> Theme.curve(chart, "bad", new double[2], new double[3], Color.RED, Theme.Line.SOLID));
  }

  @Test
  void dashedCurvesAreCutIntoDashesOfThePatternsLength() {
    // A straight line 100 px long, 8 px on and 5 px off: dashes at 0-8, 13-21, ..., 91-99.
    double[] x = new double[101], y = new double[101];
    for (int i = 0; i <= 100; i++) x[i] = i;
    double[][] d = Dashes.cut(x, y, 8, 5, 1, 1);
    int dashes = 0;
    double start = Double.NaN;
    for (int i = 0; i < d[0].length; i++) {
      if (Double.isNaN(d[0][i])) continue;
      if (i == 0 || Double.isNaN(d[0][i - 1])) { start = d[0][i]; dashes++; assertEquals(13 * (dashes - 1), start, 1e-9); }
      if (i + 1 == d[0].length || Double.isNaN(d[0][i + 1])) assertTrue(d[0][i] - start <= 8 + 1e-9);
    }
    assertEquals(8, dashes);
  }

  @Test
  void saveWritesExactlyThePathAsPngAndToImageScales() throws Exception {
    XYChart chart = Theme.xyChart("a chart", "x", "y", 400, 300);
    Theme.curve(chart, "p_g", new double[] {0, 1, 2}, new double[] {0, 1, 0}, Theme.P_G, Theme.Line.SOLID);
    Path file = tmp.resolve("sub/dir/chart"); // no extension added, parent directories made
    Pngs.roundTrip(chart, file);
    assertEquals(List.of("chart"), Files.list(file.getParent()).map(p -> p.getFileName().toString()).toList());
    BufferedImage big = Charts.toImage(chart, 2);
    assertEquals(800, big.getWidth());
    assertEquals(600, big.getHeight());
    assertTrue(Pngs.count(big, Theme.P_G, 0) > Pngs.count(Charts.toImage(chart), Theme.P_G, 0), "more pixels per line at 2x");
    assertThrows(IllegalArgumentException.class, () -> Charts.toImage(chart, 0));
    Files.createDirectories(tmp.resolve("taken"));
    assertThrows(UncheckedIOException.class, () -> Charts.save(chart, tmp.resolve("taken")));
  }

  @Test
  void panelsPlaceImagesInReadingOrderWithCaptions() throws Exception {
    var red = solid(100, 60, Color.RED);
    var blue = solid(80, 50, Color.BLUE);
    var green = solid(100, 60, Color.GREEN);
    BufferedImage img = Panels.grid(List.of(red, blue, green), 2, List.of("(a)", "(b)", "(c)"));
    assertEquals(2 * 100 + Panels.GAP, img.getWidth());
    assertTrue(img.getHeight() > 2 * 60 + Panels.GAP, "captions add height");
    assertEquals(Color.RED.getRGB(), img.getRGB(5, 5));
    assertEquals(Color.BLUE.getRGB(), img.getRGB(100 + Panels.GAP + 50, 30), "smaller images are centred");
    int rowH = (img.getHeight() - Panels.GAP) / 2;
    assertEquals(Color.GREEN.getRGB(), img.getRGB(5, rowH + Panels.GAP + 5));
    assertTrue(Pngs.count(img.getSubimage(0, 60, 100, rowH - 60), Color.BLACK, 60) > 5, "caption text under (a)");
    Pngs.roundTrip(img, tmp.resolve("panels.png"));
    BufferedImage row = Panels.row(red, green);
    assertEquals(200 + Panels.GAP, row.getWidth());
    assertEquals(60, row.getHeight());
    assertThrows(IllegalArgumentException.class, () -> Panels.grid(List.of(red), 1, List.of("a", "b")));
    assertThrows(IllegalArgumentException.class, () -> Panels.grid(List.of(), 1));
  }

  static BufferedImage solid(int w, int h, Color c) {
    var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }

  @Test
  void logAxesAreLogarithmicWithPowersOfTenAsTicks() {
    XYChart both = Theme.logAxes(Theme.xyChart("t", "x", "y"), true, true);
    assertTrue(both.getStyler().isXAxisLogarithmic() && both.getStyler().isYAxisLogarithmic());
    assertEquals("0.##E0", both.getStyler().getYAxisDecimalPattern());
    XYChart yOnly = Theme.logAxes(Theme.xyChart("t", "x", "y"), false, true);
    assertFalse(yOnly.getStyler().isXAxisLogarithmic());
    assertTrue(yOnly.getStyler().isYAxisLogarithmic());
  }
}
