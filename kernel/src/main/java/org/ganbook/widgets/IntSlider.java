package org.ganbook.widgets;

/** A slider over whole numbers (ipywidgets' IntSlider), e.g. k, the discriminator steps per iteration. */
public final class IntSlider extends DomWidget {
  IntSlider(String description, int min, int max, int step, int value) {
    super("IntSlider \"" + description + "\"", CONTROLS, VERSION_2, "IntSliderModel", "IntSliderView", Style.slider(), description);
    if (min >= max) throw new IllegalArgumentException(name() + ": need min < max, got " + min + " and " + max);
    if (step < 1) throw new IllegalArgumentException(name() + ": step must be >= 1, got " + step);
    check(value, min, max);
    defineSlider(min, max, step, value, "d");
  }

  /** The current value. */
  public int value() { return ((Number) get("value")).intValue(); }

  /** Moves the slider; a value outside [min, max] is an error that names the slider. */
  public void value(int v) { set("value", v); }

  @Override protected Object accept(String key, Object value) {
    super.accept(key, value);
    return switch (key) {
      case "value" -> check(whole(key, value), ((Number) get("min")).intValue(), ((Number) get("max")).intValue());
      case "min", "max", "step" -> whole(key, value);
      case "disabled", "continuous_update", "readout" -> bool(key, value);
      default -> value;
    };
  }

  private int check(int v, int min, int max) {
    if (v < min || v > max) throw new IllegalArgumentException(name() + ": value " + v + " is outside [" + min + ", " + max + "]");
    return v;
  }
}
