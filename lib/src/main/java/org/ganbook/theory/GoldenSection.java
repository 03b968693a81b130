package org.ganbook.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * The maximum of a unimodal function on an interval by golden-section search: each step keeps the
 * part of the interval that must hold the maximum, shrinking it by 0.618, with no derivative. Chapter
 * 01 uses it to check Proposition 1's closed form, a / (a + b), as the maximiser of
 * a log y + b log(1 - y), without assuming what it checks.
 */
public final class GoldenSection {
  private GoldenSection() {}

  private static final double R = (Math.sqrt(5) - 1) / 2;

  /** The argmax of {@code f} on [lo, hi] to within {@code tolerance}; f must be unimodal there. */
  public static double argmax(DoubleUnaryOperator f, double lo, double hi, double tolerance) {
    if (!(lo < hi) || !(tolerance > 0)) {
      throw new IllegalArgumentException("need lo < hi and tolerance > 0, got [" + lo + ", " + hi + "], " + tolerance);
    }
    while (hi - lo > tolerance) {
      double x1 = hi - R * (hi - lo), x2 = lo + R * (hi - lo);
      if (f.applyAsDouble(x1) < f.applyAsDouble(x2)) lo = x1;
      else hi = x2;
    }
    return (lo + hi) / 2;
  }
}
