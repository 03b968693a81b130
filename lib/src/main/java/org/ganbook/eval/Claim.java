package org.ganbook.eval;

import java.util.Locale;

/**
 * A chapter's check of a claim, in one line: what is claimed, the value measured, the bound. It
 * prints what it checked ("checked: final JSD = 0.04912 < 0.06") so a reader sees the evidence, and
 * stops the notebook with the same sentence when the claim fails, so a chapter can never show prose
 * its numbers contradict.
 *
 * <pre>{@code
 * Claim.below("final JSD(p_data || p_g), nats", jsd, 0.06);
 * Claim.near("library D(x) against Z/(Z+1)", library, byHand, 1e-12);
 * }</pre>
 */
public final class Claim {
  private Claim() {}

  /** Claims {@code measured < bound}. */
  public static void below(String what, double measured, double bound) {
    check(measured < bound, String.format(Locale.ROOT, "%s = %s < %s", what, text(measured), text(bound)),
        String.format(Locale.ROOT, "%s = %s, not below %s", what, text(measured), text(bound)));
  }

  /** Claims {@code measured > bound}. */
  public static void above(String what, double measured, double bound) {
    check(measured > bound, String.format(Locale.ROOT, "%s = %s > %s", what, text(measured), text(bound)),
        String.format(Locale.ROOT, "%s = %s, not above %s", what, text(measured), text(bound)));
  }

  /** Claims {@code |measured - expected| <= tolerance}. */
  public static void near(String what, double measured, double expected, double tolerance) {
    if (!(tolerance >= 0)) throw new IllegalArgumentException("tolerance must be 0 or more, got " + tolerance);
    double gap = Math.abs(measured - expected);
    check(gap <= tolerance,
        String.format(Locale.ROOT, "%s = %s, within %s of %s", what, text(measured), text(tolerance), text(expected)),
        String.format(Locale.ROOT, "%s = %s, %s away from %s (tolerance %s)", what, text(measured), text(gap),
            text(expected), text(tolerance)));
  }

  /** Claims a condition that is not one number against a bound; {@code evidence} says what was seen. */
  public static void that(String what, boolean holds, String evidence) {
    check(holds, what + ": " + evidence, what + " does not hold: " + evidence);
  }

  private static void check(boolean holds, String passed, String failed) {
    if (!holds) throw new AssertionError("claim failed: " + failed);
    System.out.println("checked: " + passed);
  }

  /** Four significant digits, as the chapters' prose rounds (NaN fails every claim and says so). */
  static String text(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e6) return Long.toString((long) x);
    if (Double.isNaN(x) || Double.isInfinite(x)) return Double.toString(x);
    var rounded = new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros();
    if (Math.abs(x) >= 1e-4 && Math.abs(x) < 1e6) return rounded.toPlainString();
    int exponent = rounded.precision() - rounded.scale() - 1;
    return rounded.movePointLeft(exponent).toPlainString() + "e" + exponent;
  }
}
