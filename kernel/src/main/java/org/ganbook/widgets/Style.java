package org.ganbook.widgets;

/** A control's style model (description width, handle colour, button colour...): one per control. */
public final class Style extends Widget {
  Style(String modelName, String... keys) {
    super(modelName, CONTROLS, VERSION_2, modelName, BASE, VERSION_2, "StyleView");
    for (String k : keys) define(k, k.equals("description_width") || k.equals("button_width") || k.equals("font_weight") && modelName.startsWith("ToggleButtons") ? "" : null);
  }

  static Style slider() { return new Style("SliderStyleModel", "description_width", "handle_color"); }

  static Style description() { return new Style("DescriptionStyleModel", "description_width"); }

  static Style button() {
    return new Style("ButtonStyleModel", "button_color", "font_family", "font_size", "font_style", "font_variant",
        "font_weight", "text_color", "text_decoration");
  }

  static Style toggleButtons() { return new Style("ToggleButtonsStyleModel", "button_width", "description_width", "font_weight"); }

  static Style label() {
    return new Style("LabelStyleModel", "background", "description_width", "font_family", "font_size", "font_style",
        "font_variant", "font_weight", "text_color", "text_decoration");
  }

  static Style html() { return new Style("HTMLStyleModel", "background", "description_width", "font_size", "text_color"); }
}
