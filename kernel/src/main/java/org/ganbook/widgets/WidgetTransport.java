package org.ganbook.widgets;

import java.util.Map;

/**
 * Where widget messages go: the kernel's comms to the browser, or nowhere. Without a front end
 * (a headless run, a test, plain Java), widgets still hold and check their values, so the same
 * cells run to the end; only nothing is drawn.
 */
public interface WidgetTransport {
  /** Opens the model's comm (target {@code jupyter.widget}) with its whole state. */
  void open(Widget widget);

  /**
   * Sends {@code state} (some keys) on the widget's comm as {@code method} ({@code update} or
   * {@code echo_update}); {@code parent} is the browser message answered, or null.
   */
  void update(Widget widget, Map<String, Object> state, String method, Object parent);

  /** Sends a custom message ({@code method: custom}) to the widget's views. */
  default void custom(Widget widget, Map<String, Object> content) {}

  /** No front end: nothing is sent. */
  WidgetTransport NONE = new WidgetTransport() {
    @Override public void open(Widget widget) {}
    @Override public void update(Widget widget, Map<String, Object> state, String method, Object parent) {}
  };
}
