package org.ganbook.widgets;

/**
 * A slider over a logarithmic scale (ipywidgets' FloatLogSlider), for learning rates: min, max and
 * step are exponents of 10, the value is the number itself, in [10^min, 10^max].
 */
public final class FloatLogSlider extends FloatSlider {
  FloatLogSlider(String description, double minExponent, double maxExponent, double stepExponent, double value) {
    super("FloatLogSliderModel", "FloatLogSliderView", description, minExponent, maxExponent, stepExponent, value, ".3g");
    define("base", 10.0);
  }

  /** The value against the exponents' range (the constructor calls this too, before any field is set). */
  @Override double check(double v, double minExponent, double maxExponent) {
    double lo = Math.pow(10, minExponent), hi = Math.pow(10, maxExponent);
    if (!(v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12))) throw new IllegalArgumentException(name() + ": value " + v + " is outside [" + lo + ", " + hi + "]");
    return v;
  }
}
