package org.ganbook.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramsBarsTest {

  static { Pngs.headless(); }

  @Test void sharesOnSharedBinsSumToOneForEachSample() {
    var samples = new LinkedHashMap<String, double[]>();
    samples.put("a", new double[] {0, 0, 1, 4});
    samples.put("b", new double[] {2, 2});
    var s = Histograms.shares(samples, 4);
    assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3.5}, s.centres(), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.25, 0, 0.25}, s.shares().get("a"), 1e-12, "the maximum falls in the last bin");
    assertArrayEquals(new double[] {0, 0, 1, 0}, s.shares().get("b"), 1e-12);
    assertEquals(List.of("a", "b"), List.copyOf(s.shares().keySet()));
    var chart = Histograms.chart("distances", "distance", samples, 4);
    assertTrue(chart.getSeriesMap().keySet().containsAll(List.of("a", "b")), chart.getSeriesMap().keySet().toString());
    assertTrue(Charts.toImage(chart).getWidth() > 100);
  }

  @Test void badSamplesAreClearErrors() {
    var nan = new LinkedHashMap<String, double[]>();
    nan.put("gan", new double[] {1, Double.NaN});
    var e = assertThrows(IllegalArgumentException.class, () -> Histograms.shares(nan, 3));
    assertTrue(e.getMessage().contains("'gan'"), e.getMessage());
    var empty = new LinkedHashMap<String, double[]>();
    empty.put("real", new double[0]);
    assertThrows(IllegalArgumentException.class, () -> Histograms.shares(empty, 3));
  }

  @Test void barsKeepTheirOrderAndRefuseMissingValues() {
    var values = new LinkedHashMap<String, Double>();
    values.put("real digits", 9.2);
    values.put("GAN", 7.1);
    values.put("one class", 1.0);
    var chart = Bars.chart("Inception Score", "IS", values);
    var series = chart.getSeriesMap().values().iterator().next();
    assertEquals(List.of("real digits", "GAN", "one class"), List.copyOf(series.getXData()));
    assertTrue(Charts.toImage(chart).getWidth() > 100);
    values.put("broken", Double.NaN);
    var e = assertThrows(IllegalArgumentException.class, () -> Bars.chart("IS", "IS", values));
    assertTrue(e.getMessage().contains("'broken'"), e.getMessage());
  }
}
