package org.ganbook.eval;

import java.util.Arrays;
import java.util.Locale;

/**
 * A figure over seeds as Table 1 of Salimans et al. (2016) reports it: the mean, ± the sample
 * standard deviation (n - 1 in the denominator; 0 for one seed), shown as "93 ± 6.5".
 */
public record MeanSd(double mean, double sd, int n) {
  public static MeanSd of(double... values) {
    if (values.length == 0) throw new IllegalArgumentException("no values to summarise");
    double mean = Arrays.stream(values).average().orElseThrow();
    double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    return new MeanSd(mean, values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0, values.length);
  }

  public static MeanSd of(int... values) { return of(Arrays.stream(values).asDoubleStream().toArray()); }

  /** Rounded to whole units, as test errors are counted: "891 ± 95". */
  @Override public String toString() { return String.format(Locale.ROOT, "%.0f ± %.0f", mean, sd); }
}
