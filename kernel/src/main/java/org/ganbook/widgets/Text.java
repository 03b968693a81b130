package org.ganbook.widgets;

/** Text shown on the page, plain (ipywidgets' Label) or as HTML (ipywidgets' HTML): a status line beside a chart. */
public final class Text extends DomWidget {
  Text(String model, String view, Style style, String value) {
    super(model.replace("Model", ""), CONTROLS, VERSION_2, model, view, style, "");
    define("placeholder", "\u200b");
    define("value", value);
  }

  public String value() { return (String) get("value"); }

  public void value(String text) { set("value", text); }

  @Override protected Object accept(String key, Object value) {
    super.accept(key, value);
    if ((key.equals("value") || key.equals("placeholder")) && !(value instanceof String)) throw new IllegalArgumentException(name() + ": '" + key + "' must be text, got " + value);
    return value;
  }
}
