package org.ganbook.viz;

import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Several samples of one quantity on shared bins, e.g. the distances of generated and of real
 * digits to their nearest training digit. Each sample is drawn as the share of its values in each
 * bin (a frequency polygon through the bins' centres), so samples of different sizes compare.
 */
public final class Histograms {
  private Histograms() {}

  /** The bins' centres and each sample's share per bin, {@code bins} equal bins over all values' range. */
  public record Shares(double[] centres, Map<String, double[]> shares) {}

  /** Shares of each sample (in the map's order: pass a LinkedHashMap) on {@code bins} shared bins. */
  public static Shares shares(Map<String, double[]> samples, int bins) {
    if (samples == null || samples.isEmpty()) throw new IllegalArgumentException("no samples to bin");
    if (bins < 1) throw new IllegalArgumentException("need at least one bin, got " + bins);
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (var e : samples.entrySet()) {
      if (e.getValue().length == 0) throw new IllegalArgumentException("sample '" + e.getKey() + "' is empty");
      for (double v : e.getValue()) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("sample '" + e.getKey() + "' holds " + v);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (hi == lo) hi = lo + 1;   // one value everywhere: one bin of width 1 holds it all
    double width = (hi - lo) / bins;
    double[] centres = new double[bins];
    for (int b = 0; b < bins; b++) centres[b] = lo + (b + 0.5) * width;
    var shares = new java.util.LinkedHashMap<String, double[]>();
    for (var e : samples.entrySet()) {
      double[] share = new double[bins];
      for (double v : e.getValue()) share[Math.min(bins - 1, (int) ((v - lo) / width))] += 1.0 / e.getValue().length;
      shares.put(e.getKey(), share);
    }
    return new Shares(centres, shares);
  }

  /** A chart of {@link #shares}: one curve per sample, y the share of that sample in each bin. */
  public static XYChart chart(String title, String xTitle, Map<String, double[]> samples, int bins) {
    Shares s = shares(samples, bins);
    XYChart chart = LineCharts.lines(title, xTitle, "share per bin", s.centres(), s.shares());
    chart.getStyler().setYAxisMin(0.0);
    return chart;
  }
}
