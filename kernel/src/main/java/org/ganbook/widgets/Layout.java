package org.ganbook.widgets;

/**
 * The CSS layout of a widget's view (ipywidgets' LayoutModel): width, height, margin, flex...
 * Every key starts unset (null: the browser's default). {@code slider.layout().set("width", "400px")}.
 */
public final class Layout extends Widget {
  static final String[] KEYS = {"align_content", "align_items", "align_self", "border_bottom", "border_left",
      "border_right", "border_top", "bottom", "display", "flex", "flex_flow", "grid_area", "grid_auto_columns",
      "grid_auto_flow", "grid_auto_rows", "grid_column", "grid_gap", "grid_row", "grid_template_areas",
      "grid_template_columns", "grid_template_rows", "height", "justify_content", "justify_items", "left", "margin",
      "max_height", "max_width", "min_height", "min_width", "object_fit", "object_position", "order", "overflow",
      "padding", "right", "top", "visibility", "width"};

  Layout() {
    super("Layout", BASE, VERSION_2, "LayoutModel", BASE, VERSION_2, "LayoutView");
    for (String k : KEYS) define(k, null);
  }

  @Override protected Object accept(String key, Object value) {
    super.accept(key, value);
    if (value != null && !(value instanceof String)) throw new IllegalArgumentException("Layout: '" + key + "' takes a CSS string or null, got " + value);
    return value;
  }
}
