package org.ganbook.widgets;

import java.util.List;

/**
 * One of several named options (ipywidgets' Dropdown and ToggleButtons): the browser shows the
 * labels and sends back the chosen index. {@link #value()} is the chosen label.
 */
public final class Choice extends DomWidget {
  private final List<String> options;

  Choice(String model, String view, Style style, String description, List<String> options, String value) {
    super(model.replace("Model", "") + " \"" + description + "\"", CONTROLS, VERSION_2, model, view, style, description);
    if (options.isEmpty()) throw new IllegalArgumentException(name() + ": needs at least one option");
    if (options.stream().distinct().count() != options.size()) throw new IllegalArgumentException(name() + ": options repeat: " + options);
    this.options = List.copyOf(options);
    define("_options_labels", this.options);
    define("disabled", false);
    define("index", indexOf(value));
    if (model.startsWith("ToggleButtons")) {
      define("button_style", "");
      define("icons", List.of());
      define("tooltips", List.of());
    }
  }

  /** The chosen option. */
  public String value() { return options.get(index()); }

  /** Chooses an option by its label; an unknown label is an error that lists the options. */
  public void value(String option) { set("index", indexOf(option)); }

  /** The chosen option's position in {@link #options()}. */
  public int index() { return ((Number) get("index")).intValue(); }

  public List<String> options() { return options; }

  private int indexOf(String option) {
    int i = options.indexOf(option);
    if (i < 0) throw new IllegalArgumentException(name() + ": no option \"" + option + "\"; the options are " + options);
    return i;
  }

  @Override protected Object accept(String key, Object value) {
    super.accept(key, value);
    return switch (key) {
      case "index" -> {
        int i = whole(key, value);
        if (i < 0 || i >= options.size()) throw new IllegalArgumentException(name() + ": index " + i + " is not one of the " + options.size() + " options " + options);
        yield i;
      }
      case "_options_labels" -> throw new IllegalArgumentException(name() + ": the options are fixed when it is made");
      case "disabled" -> bool(key, value);
      default -> value;
    };
  }

  @Override public String toString() { return name() + " = " + value(); }
}
