package org.ganbook.widgets;

import java.util.List;

/** A row (HBox) or column (VBox) of widgets: a panel of controls beside a chart. */
public final class Box extends DomWidget {
  Box(String model, String view, List<? extends Widget> children) {
    super(model.replace("Model", ""), CONTROLS, VERSION_2, model, view, null, null);
    for (Widget w : children) if (w == null) throw new IllegalArgumentException(name() + ": a child is null");
    define("box_style", "");
    define("children", List.copyOf(children));
  }

  /** The widgets inside, in order. */
  @SuppressWarnings("unchecked")
  public List<Widget> children() { return (List<Widget>) get("children"); }

  @Override protected Object accept(String key, Object value) {
    super.accept(key, value);
    if (key.equals("children")) throw new IllegalArgumentException(name() + ": children are fixed when it is made");
    return value;
  }
}
