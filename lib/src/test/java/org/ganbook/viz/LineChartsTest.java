package org.ganbook.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class LineChartsTest {

  static { Pngs.headless(); }

  @TempDir Path tmp;

  /** A history shaped like Algorithm 1's: noisy losses, D(x) and D(G(z)) drifting towards 1/2. */
  static Table history(int n) {
    var rnd = new Random(7);
    int[] it = new int[n];
    double[] lossD = new double[n], lossG = new double[n], dx = new double[n], dgz = new double[n];
    for (int i = 0; i < n; i++) {
      double t = (double) i / n;
      it[i] = i;
      dx[i] = 0.5 + 0.4 * Math.exp(-4 * t) + 0.04 * rnd.nextGaussian();
      dgz[i] = 0.5 - 0.4 * Math.exp(-4 * t) + 0.04 * rnd.nextGaussian();
      lossD[i] = -Math.log(dx[i]) - Math.log(1 - dgz[i]) + 0.1 * rnd.nextGaussian();
      lossG[i] = -Math.log(dgz[i]) + 0.1 * rnd.nextGaussian();
    }
    return Table.create("Algorithm 1 on 1-D Gaussian data",
        IntColumn.create("iteration", it), DoubleColumn.create("loss_D", lossD), DoubleColumn.create("loss_G", lossG),
        DoubleColumn.create("mean_D_x", dx), DoubleColumn.create("mean_D_G_z", dgz));
  }

  @Test
  void historyDrawsOneSmoothedLinePerColumnInTheirColours() throws Exception {
    Table t = history(2000);
    XYChart chart = LineCharts.history(t, 50, "loss_D", "loss_G");
    assertEquals("Algorithm 1 on 1-D Gaussian data", chart.getTitle());
    XYSeries d = chart.getSeriesMap().get("loss_D");
    assertEquals("loss of D (mean of 50)", d.getLabel());
    assertEquals(Theme.D, d.getLineColor());
    assertEquals(Theme.P_G, chart.getSeriesMap().get("loss_G").getLineColor());
    assertEquals(SeriesMarkers.NONE, d.getMarker());
    assertFalse(chart.getSeriesMap().get("loss_D (raw)").isShowInLegend());
    // Iterations 0..1999 and losses around 1.4: tick labels with at most a few decimals.
    assertEquals("#,##0", chart.getStyler().getXAxisDecimalPattern());
    assertTrue(chart.getStyler().getYAxisDecimalPattern().matches("#,##0\\.#{1,3}"), chart.getStyler().getYAxisDecimalPattern());

    BufferedImage img = Pngs.roundTrip(chart, Pngs.dir(tmp).resolve("history-losses.png"));
    assertTrue(Pngs.count(img, Theme.D, 0) > 100, "loss of D drawn in D's blue");
    assertTrue(Pngs.count(img, Theme.P_G, 0) > 100, "loss of G drawn in G's green");

    XYChart probs = LineCharts.history("D on real and generated samples", t, 25, "mean_D_x", "mean_D_G_z");
    assertEquals("mean D(G(z)) (mean of 25)", probs.getSeriesMap().get("mean_D_G_z").getLabel());
    Pngs.roundTrip(probs, Pngs.dir(tmp).resolve("history-D.png"));
  }

  @Test
  void aLongHistoryDrawsQuickly() {
    Table t = history(30_000);
    long start = System.nanoTime();
    BufferedImage img = Charts.toImage(LineCharts.history(t, 500, "loss_D", "loss_G", "mean_D_x", "mean_D_G_z"));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 10, "30,000 iterations x 4 columns took " + seconds + " s");
    assertTrue(Pngs.count(img, Theme.D, 0) > 100);
  }

  @Test
  void historyWithoutNamesDrawsEveryNumericColumn() {
    Table t = history(10);
    t.addColumns(StringColumn.create("note", 10));
    XYChart chart = LineCharts.history(t);
    assertEquals(4, chart.getSeriesMap().values().stream().filter(XYSeries::isEnabled).count());
    assertArrayEquals(t.doubleColumn("loss_G").asDoubleArray(), chart.getSeriesMap().get("loss_G").getYData());
  }

  @Test
  void historyRefusesWhatItCannotDraw() {
    Table t = history(10);
    var e = assertThrows(IllegalArgumentException.class, () -> LineCharts.history(t, "loss_X"));
    assertTrue(e.getMessage().contains("loss_X") && e.getMessage().contains("loss_D"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LineCharts.history(t, 0, "loss_D"));
    var noIt = Table.create("h", DoubleColumn.create("loss_D", 1.0, 2.0));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LineCharts.history(noIt)).getMessage().contains("iteration"));
  }

  @Test
  void movingAverageIsCentredAndShrinksAtTheEnds() {
    double[] y = {1, 2, 3, 4, 5, 100};
    assertArrayEquals(new double[] {1.5, 2, 3, 4, 109 / 3.0, 52.5}, LineCharts.movingAverage(y, 3), 1e-12);
    assertArrayEquals(y, LineCharts.movingAverage(y, 1), 0);
    // A diverged value (NaN) does not poison its neighbours' means.
    assertArrayEquals(new double[] {1, 2, 3}, LineCharts.movingAverage(new double[] {1, Double.NaN, 3}, 3), 1e-12);
  }

  @Test
  void manyLinesListTheirNamesDownTheSide() {
    double[] x = {0, 1, 2};
    var few = new LinkedHashMap<String, double[]>();
    var many = new LinkedHashMap<String, double[]>();
    for (int i = 0; i < 6; i++) {
      if (i < 4) few.put("seed " + i, new double[] {i, i + 1, i + 2});
      many.put("seed " + i, new double[] {i, i + 1, i + 2});
    }
    assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideS, LineCharts.lines("t", "x", "y", x, few).getStyler().getLegendPosition());
    assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideE, LineCharts.lines("t", "x", "y", x, many).getStyler().getLegendPosition());
  }

  @Test
  void linesForSeveralK() throws Exception {
    int n = 200;
    double[] it = new double[n];
    var jsd = new LinkedHashMap<String, double[]>();
    for (int k : new int[] {1, 5, 20}) jsd.put("k = " + k, new double[n]);
    for (int i = 0; i < n; i++) {
      it[i] = 10 * i;
      int j = 0;
      for (double[] y : jsd.values()) y[i] = Math.log(2) * Math.exp(-i / (20.0 + 30 * j++)) + 0.002;
    }
    XYChart chart = LineCharts.lines("JSD(p_data ‖ p_g) during training", "iteration", "JSD", it, jsd);
    assertEquals(3, chart.getSeriesMap().values().stream().filter(XYSeries::isEnabled).count());
    var colours = chart.getSeriesMap().values().stream().filter(XYSeries::isEnabled).map(XYSeries::getLineColor).distinct().count();
    assertEquals(3, colours, "each k its own colour");
    assertEquals("#,##0.##", chart.getStyler().getYAxisDecimalPattern());
    BufferedImage img = Pngs.roundTrip(chart, Pngs.dir(tmp).resolve("lines-jsd-k.png"));
    for (XYSeries s : chart.getSeriesMap().values()) if (s.isEnabled()) assertTrue(Pngs.count(img, s.getLineColor(), 0) > 50, s.getName());
  }

  @Test
  void saturatingAndNonSaturatingLossesWithInfiniteEnds() throws Exception {
    int n = 201;
    double[] d = new double[n];
    var ys = new LinkedHashMap<String, double[]>();
    double[] sat = new double[n], nonSat = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = i / (n - 1.0);
      sat[i] = Math.log(1 - d[i]); // -Infinity at D(G(z)) = 1
      nonSat[i] = -Math.log(d[i]); // +Infinity at D(G(z)) = 0
    }
    ys.put("log(1 − D(G(z)))  (saturating)", sat);
    ys.put("−log D(G(z))  (non-saturating)", nonSat);
    XYChart chart = LineCharts.lines("The generator's two losses", "D(G(z))", "loss", d, ys);
    assertTrue(Double.isNaN(chart.getSeriesMap().get("−log D(G(z))  (non-saturating)").getYData()[0]));
    assertEquals(-Math.log(0.5), chart.getSeriesMap().get("−log D(G(z))  (non-saturating)").getYData()[100], 1e-12);
    Pngs.roundTrip(chart, Pngs.dir(tmp).resolve("lines-generator-losses.png"));
  }

  @Test
  void linesGiveThePapersSymbolsTheirColours() {
    double[] x = {0, 0.5, 1};
    var ys = new LinkedHashMap<String, double[]>();
    ys.put("p_data", x);
    ys.put("p_g", x);
    ys.put("D*_G", x);
    ys.put("other", x);
    XYChart chart = LineCharts.lines("t", "x", "y", x, ys);
    assertEquals(Theme.P_DATA, chart.getSeriesMap().get("p_data").getLineColor());
    assertEquals(Theme.P_G, chart.getSeriesMap().get("p_g").getLineColor());
    assertEquals(Theme.D, chart.getSeriesMap().get("D*_G").getLineColor());
    assertEquals(Theme.palette(0), chart.getSeriesMap().get("other").getLineColor());
    assertThrows(IllegalArgumentException.class, () -> LineCharts.lines("t", "x", "y", x, java.util.Map.of("bad", new double[2])));
  }

  @Test void measuredEveryPlacesEachValueAtItsIterationAndDashesTheBaseline() {
    var curves = new LinkedHashMap<String, java.util.List<Integer>>();
    curves.put("semi-supervised GAN, seed 1", java.util.List.of(900, 400, 300));
    curves.put("supervised only, seed 1", java.util.List.of(1500));
    curves.put("semi-supervised GAN, seed 2", java.util.List.of());
    XYChart chart = LineCharts.measuredEvery("test errors", "errors", 500, 1200, curves, n -> n.startsWith("supervised"));
    XYSeries gan = chart.getSeriesMap().get("semi-supervised GAN, seed 1");
    assertArrayEquals(new double[] {500, 1000, 1200}, gan.getXData(), 0, "the last value sits at the run's end");
    assertArrayEquals(new double[] {900, 400, 300}, gan.getYData(), 0);
    assertFalse(chart.getSeriesMap().containsKey("semi-supervised GAN, seed 2"), "a curve with no measurement yet is not drawn: " + chart.getSeriesMap().keySet());
    assertEquals(1200.0, chart.getStyler().getXAxisMax(), 0);
    assertEquals(Theme.Line.DASHED.stroke, chart.getSeriesMap().get("supervised only, seed 1").getLineStyle());
    assertEquals(Theme.Line.SOLID.stroke, gan.getLineStyle());
    assertThrows(IllegalArgumentException.class,
        () -> LineCharts.measuredEvery("t", "y", 0, 10, curves, n -> false));
  }

  @Test void longRunsOfDifferentLengthsShareOneChartWithTheirReferences() {
    var runs = new LinkedHashMap<String, Table>();
    runs.put("seed 1", Table.create("a", IntColumn.create("epoch", 0, 25, 50, 75), DoubleColumn.create("parzen_ll", -50, 100, 150, 170)));
    runs.put("seed 2", Table.create("b", IntColumn.create("epoch", 0, 25), DoubleColumn.create("parzen_ll", -60, 90)));
    XYChart chart = LineCharts.longRuns("t", "nats", "parzen_ll", runs, new LineCharts.Reference("paper: 225", 225));
    assertTrue(chart.getSeriesMap().keySet().containsAll(java.util.List.of("seed 1", "seed 2", "paper: 225")), chart.getSeriesMap().keySet().toString());
    assertArrayEquals(new double[] {0, 25}, chart.getSeriesMap().get("seed 2").getXData(), 0);
    XYSeries paper = chart.getSeriesMap().get("paper: 225");
    double[][] line = Dashes.original(paper); // before it was cut into dashes
    assertArrayEquals(new double[] {0, 75}, line[0], 0, "the reference spans the longest run");
    assertArrayEquals(new double[] {225, 225}, line[1], 0);
    var e = assertThrows(IllegalArgumentException.class,
        () -> LineCharts.longRuns("t", "errors", "test_errors", runs));
    assertTrue(e.getMessage().contains("seed 1") && e.getMessage().contains("test_errors"), e.getMessage());
  }
}
