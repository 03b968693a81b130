package org.ganbook.widgets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Jupyter widgets from Java: the controls a notebook makes, and the kernel's end of their
 * messages. A cell writes
 *
 * <pre>{@code
 * var lr = Widgets.logSlider("learning rate", -5, -1, 0.1, 1e-3);
 * var k = Widgets.intSlider("k", 1, 20, 1);
 * display(Widgets.vbox(lr, k));
 * for (...) { optimizer.learningRate(lr.value()); ... }   // reads the slider at each iteration
 * }</pre>
 *
 * Every control holds its value in Java, checked (a value out of range, an unknown option is an
 * error naming the control), and readable from any thread. With the ganbook kernel and
 * JupyterLab (ipywidgets 8's front end), the views appear in the output and a learner's changes
 * reach the values while a cell runs. Without a front end the controls keep their values and
 * nothing is drawn.
 */
public final class Widgets {
  private static volatile WidgetTransport transport = WidgetTransport.NONE;
  private static volatile Consumer<String> log = System.err::println;
  private static final Map<String, Widget> OPEN = new ConcurrentHashMap<>();

  private Widgets() {}

  // ------------------------------------------------------------------ controls

  /** A slider over [min, max] in steps of {@code step}, at {@code value}. */
  public static FloatSlider slider(String description, double min, double max, double step, double value) {
    return new FloatSlider(description, min, max, step, value);
  }

  /** A slider over [10^minExponent, 10^maxExponent], moving by 10^stepExponent, at {@code value}. */
  public static FloatLogSlider logSlider(String description, double minExponent, double maxExponent, double stepExponent, double value) {
    return new FloatLogSlider(description, minExponent, maxExponent, stepExponent, value);
  }

  /** A slider over whole numbers in [min, max], at {@code value}. */
  public static IntSlider intSlider(String description, int min, int max, int value) {
    return new IntSlider(description, min, max, 1, value);
  }

  /** A drop-down list of {@code options}, {@code value} chosen. */
  public static Choice dropdown(String description, List<String> options, String value) {
    return new Choice("DropdownModel", "DropdownView", Style.description(), description, options, value);
  }

  /** A row of buttons of which one is pressed: {@code options}, {@code value} pressed. */
  public static Choice toggleButtons(String description, List<String> options, String value) {
    return new Choice("ToggleButtonsModel", "ToggleButtonsView", Style.toggleButtons(), description, options, value);
  }

  /** A push button. */
  public static Button button(String description) { return new Button(description); }

  /** Play / pause, advancing a counter up to {@code max} every {@code intervalMillis} while playing. */
  public static Play play(String description, int max, int intervalMillis) { return new Play(description, max, intervalMillis); }

  /** Plain text. */
  public static Text label(String text) { return new Text("LabelModel", "LabelView", Style.label(), text); }

  /** HTML. */
  public static Text html(String html) { return new Text("HTMLModel", "HTMLView", Style.html(), html); }

  /** A picture to redraw (a chart), {@code width} pixels wide on the page (0: its own width). */
  public static Image image(int width) { return new Image(width); }

  /** An area that code fills with text, HTML and pictures while a cell runs (a log, a table). */
  public static Output output() { return new Output(); }

  /** Widgets side by side. */
  public static Box hbox(Widget... children) { return new Box("HBoxModel", "HBoxView", List.of(children)); }

  /** Widgets one above the other. */
  public static Box vbox(Widget... children) { return new Box("VBoxModel", "VBoxView", List.of(children)); }

  /**
   * Runs {@code f} now and again after every change of any of {@code controls}' values (ipywidgets'
   * {@code interact}): {@code f} reads the controls itself. Returns the controls in a column.
   */
  public static Box interact(Runnable f, DomWidget... controls) {
    for (DomWidget c : controls) {
      String key = c instanceof Choice ? "index" : "value";
      c.observe(key, change -> f.run());
    }
    f.run();
    return vbox(controls);
  }

  // ------------------------------------------------------------------ the kernel's end

  /** Where messages go; the kernel sets its comms here when it starts. */
  public static void connect(WidgetTransport t, Consumer<String> errors) {
    transport = t == null ? WidgetTransport.NONE : t;
    log = errors == null ? System.err::println : errors;
  }

  static WidgetTransport transport() { return transport; }

  static void log(String message) { log.accept("widgets: " + message); }

  static void register(Widget w) { OPEN.put(w.id(), w); }

  /** The open widget with comm id {@code id}, or null. */
  public static Widget byId(String id) { return OPEN.get(id); }

  /** Forgets every widget (a kernel restart starts with none). */
  public static void forgetAll() { OPEN.clear(); }

  /**
   * A comm message from a browser to widget {@code id}: {@code update} (state from a view, with
   * binary buffers at {@code bufferPaths}), {@code request_state}, or {@code custom}. Unknown
   * widgets and methods are logged and ignored, as the protocol asks.
   */
  @SuppressWarnings("unchecked")
  public static void receive(String id, Map<String, Object> data, List<byte[]> buffers, Object parent) {
    Widget w = OPEN.get(id);
    if (w == null) {
      log("a message for an unknown widget " + id + " was ignored");
      return;
    }
    Object method = data.get("method");
    if ("update".equals(method)) {
      Map<String, Object> state = new LinkedHashMap<>((Map<String, Object>) data.getOrDefault("state", Map.of()));
      List<?> paths = (List<?>) data.getOrDefault("buffer_paths", List.of());
      for (int i = 0; i < paths.size() && buffers != null && i < buffers.size(); i++) {
        List<?> path = (List<?>) paths.get(i);
        if (path.size() == 1) state.put(String.valueOf(path.get(0)), buffers.get(i));
      }
      w.updateFromBrowser(state, parent);
    } else if ("request_state".equals(method)) {
      transport.update(w, w.state(), "update", parent);
    } else if ("custom".equals(method)) {
      w.onCustom((Map<String, Object>) data.getOrDefault("content", Map.of()));
    } else {
      log(w.name() + ": unknown method " + method + " ignored");
    }
  }

  /**
   * For the {@code update_states} reply on the {@code jupyter.widget.control} comm: every open
   * model, by id, with its name, module and state (the reply's {@code states}).
   */
  public static Map<String, Object> allStates() {
    Map<String, Object> states = new LinkedHashMap<>();
    for (Widget w : OPEN.values()) {
      Map<String, Object> s = w.state();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("model_name", s.get("_model_name"));
      entry.put("model_module", s.get("_model_module"));
      entry.put("model_module_version", s.get("_model_module_version"));
      entry.put("state", s);
      states.put(w.id(), entry);
    }
    return states;
  }

  /** A state ready for JSON: widgets as "IPY_MODEL_id" references, byte arrays moved out as binary buffers. */
  public record Wire(Map<String, Object> json, List<List<Object>> bufferPaths, List<byte[]> buffers) {}

  /**
   * Prepares {@code state} (or update_states' {@code states}) for the wire: the protocol sends
   * binary values apart from the JSON, each with its path from the top of the map.
   */
  public static Wire wire(Map<String, Object> state) {
    List<List<Object>> paths = new ArrayList<>();
    List<byte[]> buffers = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) convert(state, new ArrayList<>(), paths, buffers);
    return new Wire(json, paths, buffers);
  }

  private static Object convert(Object v, List<Object> path, List<List<Object>> paths, List<byte[]> buffers) {
    if (v instanceof Widget w) return Widget.REFERENCE_PREFIX + w.id();
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (var e : m.entrySet()) {
        if (e.getValue() instanceof byte[] bytes) {
          List<Object> p = new ArrayList<>(path);
          p.add(String.valueOf(e.getKey()));
          paths.add(p);
          buffers.add(bytes);
        } else {
          path.add(String.valueOf(e.getKey()));
          out.put(String.valueOf(e.getKey()), convert(e.getValue(), path, paths, buffers));
          path.remove(path.size() - 1);
        }
      }
      return out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        path.add(i);
        out.add(convert(list.get(i), path, paths, buffers));
        path.remove(path.size() - 1);
      }
      return out;
    }
    return v;
  }
}
