package org.ganbook.widgets;

/**
 * A slider over real numbers (ipywidgets' FloatSlider): value in [min, max] on a grid of step.
 * {@link #value()} can be read from any thread at any time, e.g. once per training iteration.
 */
public class FloatSlider extends DomWidget {
  FloatSlider(String description, double min, double max, double step, double value) {
    this("FloatSliderModel", "FloatSliderView", description, min, max, step, value, ".2f");
  }

  FloatSlider(String model, String view, String description, double min, double max, double step, double value, String format) {
    super(model.replace("Model", "") + " \"" + description + "\"", CONTROLS, VERSION_2, model, view, Style.slider(), description);
    if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) throw new IllegalArgumentException(name() + ": need min < max, got " + min + " and " + max);
    if (!(step > 0)) throw new IllegalArgumentException(name() + ": step must be > 0, got " + step);
    check(value, min, max);
    defineSlider(min, max, step, value, format);
  }

  /** The current value. */
  public double value() { return ((Number) get("value")).doubleValue(); }

  /** Moves the slider (and every view of it); a value outside [min, max] is an error that names the slider. */
  public void value(double v) { set("value", v); }

  public double min() { return ((Number) get("min")).doubleValue(); }

  public double max() { return ((Number) get("max")).doubleValue(); }

  @Override protected Object accept(String key, Object value) {
    super.accept(key, value);
    return switch (key) {
      case "value" -> check(number(key, value), min(), max());
      case "min", "max", "step" -> number(key, value);
      case "disabled", "continuous_update", "readout" -> bool(key, value);
      default -> value;
    };
  }

  double check(double v, double min, double max) {
    if (!(v >= min && v <= max)) throw new IllegalArgumentException(name() + ": value " + v + " is outside [" + min + ", " + max + "]");
    return v;
  }
}
