package org.ganbook.widgets;

import java.util.List;

/** A widget with a view on the page: a layout, CSS classes, a tooltip; described controls add a label and a style. */
public abstract class DomWidget extends Widget {
  private final Layout layout = new Layout();

  protected DomWidget(String name, String module, String version, String model, String view, Style style, String description) {
    super(name, module, version, model, module, version, view);
    define("_dom_classes", List.of());
    define("layout", layout);
    define("tabbable", null);
    define("tooltip", null);
    if (style != null) define("style", style);
    if (description != null) {
      define("description", description);
      define("description_allow_html", false);
    }
  }

  /** A slider's keys (ipywidgets' FloatSlider, IntSlider and FloatLogSlider share them). */
  protected final void defineSlider(Number min, Number max, Number step, Number value, String format) {
    define("behavior", "drag-tap");
    define("continuous_update", true);
    define("disabled", false);
    define("max", max);
    define("min", min);
    define("orientation", "horizontal");
    define("readout", true);
    define("readout_format", format);
    define("step", step);
    define("value", value);
  }

  /** This view's layout: {@code control.layout().set("width", "300px")}. */
  public Layout layout() { return layout; }

  /** A description (the label beside a control) must be text. */
  @Override protected Object accept(String key, Object value) {
    super.accept(key, value);
    if (key.equals("layout") || key.equals("style")) throw new IllegalArgumentException(name() + ": '" + key + "' is fixed; change its keys instead");
    if (key.equals("description") && !(value instanceof String)) throw new IllegalArgumentException(name() + ": the description must be text, got " + value);
    return value;
  }

  /** A number from Java or JSON, or a clear error naming the control and the key. */
  protected double number(String key, Object value) {
    if (value instanceof Number n && Double.isFinite(n.doubleValue())) return n.doubleValue();
    throw new IllegalArgumentException(name() + ": '" + key + "' must be a finite number, got " + value);
  }

  /** A whole number from Java or JSON (where 3 arrives as 3.0), or a clear error. */
  protected int whole(String key, Object value) {
    double d = number(key, value);
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw new IllegalArgumentException(name() + ": '" + key + "' must be a whole number, got " + value);
    return (int) d;
  }

  /** A boolean, or a clear error. */
  protected boolean bool(String key, Object value) {
    if (value instanceof Boolean b) return b;
    throw new IllegalArgumentException(name() + ": '" + key + "' must be true or false, got " + value);
  }
}
