package org.ganbook.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A Monte Carlo estimate as its draws come in: the mean of the first n per-draw terms and its
 * standard error s / sqrt(n), at n = first, first * growth, first * growth^2, ... up to all draws
 * (rounded down). The picture of an average closing in on an integral at the rate 1 / sqrt(n).
 */
public record RunningMean(double[] n, double[] mean, double[] standardError) {

  public static RunningMean of(double[] terms, int first, double growth) {
    if (first < 2 || first > terms.length || !(growth > 1)) {
      throw new IllegalArgumentException("need 2 <= first <= " + terms.length + " draws and growth > 1, got " + first + ", " + growth);
    }
    List<double[]> rows = new ArrayList<>();
    double sum = 0, sumSquares = 0, next = first;
    for (int i = 0; i < terms.length; i++) {
      sum += terms[i];
      sumSquares += terms[i] * terms[i];
      int count = i + 1;
      if (count == (int) Math.floor(next)) {
        double mean = sum / count;
        double variance = Math.max(0, (sumSquares - count * mean * mean) / (count - 1));
        rows.add(new double[] {count, mean, Math.sqrt(variance / count)});
        while ((int) Math.floor(next) <= count) next *= growth;
      }
    }
    return new RunningMean(column(rows, 0), column(rows, 1), column(rows, 2));
  }

  /** mean + k standard errors at each n (k = 2 and -2: an approximate 95% band). */
  public double[] band(double k) {
    double[] b = new double[mean.length];
    for (int i = 0; i < b.length; i++) b[i] = mean[i] + k * standardError[i];
    return b;
  }

  private static double[] column(List<double[]> rows, int c) {
    return rows.stream().mapToDouble(r -> r[c]).toArray();
  }
}
