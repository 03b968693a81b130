package org.ganbook.widgets;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A push button (ipywidgets' Button): a click arrives as a custom message and runs the click handlers. */
public final class Button extends DomWidget {
  private final List<Runnable> handlers = new CopyOnWriteArrayList<>();
  private final AtomicLong clicks = new AtomicLong();

  Button(String description) {
    super("Button \"" + description + "\"", CONTROLS, VERSION_2, "ButtonModel", "ButtonView", Style.button(), description);
    define("button_style", "");
    define("disabled", false);
    define("icon", "");
    remove("description_allow_html");
  }

  /** Runs {@code handler} on every click, on the kernel's message thread (also while a cell runs). */
  public Button onClick(Runnable handler) {
    handlers.add(handler);
    return this;
  }

  /** How many times the button has been clicked. */
  public long clicks() { return clicks.get(); }

  /** A click, as the browser sends it; also callable from Java (a test, a headless run). */
  public void click() {
    clicks.incrementAndGet();
    for (Runnable h : handlers) {
      try {
        h.run();
      } catch (RuntimeException e) {
        Widgets.log(name() + ": a click handler failed: " + e);
      }
    }
  }

  @Override protected void onCustom(Map<String, Object> content) {
    if ("click".equals(content.get("event"))) click();
  }
}
