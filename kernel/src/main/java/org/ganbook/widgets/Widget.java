package org.ganbook.widgets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The kernel's half of one Jupyter widget: a model whose state (a map of JSON values) is kept in
 * step with its copy in the browser by the Jupyter widgets message protocol, version 2.1
 * (ipywidgets 8, {@code packages/schema/messages.md}). The browser draws the view; this object
 * holds the values that Java code reads and writes, from any thread.
 *
 * <p>State changes flow both ways. {@link #set} (from Java) stores a value and sends an
 * {@code update}; a change made in the browser arrives as an {@code update}, is checked by
 * {@link #accept}, stored, and echoed to every browser ({@code echo_update}), or, if refused,
 * answered with the value kept. Either way the observers of the key run, on the thread that made
 * the change: for a browser's change, the kernel's message thread, while a cell may still be
 * running on the execution thread. That is the point: a training loop reads a slider's value at
 * each iteration and sees the learner's move at once. Reads and writes are synchronized on the
 * widget, so a value is never seen half-written.
 *
 * <p>Names of keys and their defaults are ipywidgets 8's ({@code jupyterwidgetmodels.latest.md}).
 */
public abstract class Widget {
  /** The version of the widget message protocol spoken, sent with every comm_open. */
  public static final String PROTOCOL_VERSION = "2.1.0";
  /** The display bundle's MIME type: the browser draws a view of the model it names. */
  public static final String VIEW_MIME_TYPE = "application/vnd.jupyter.widget-view+json";
  /** How a model refers to another in its state (a box's children, a control's layout). */
  public static final String REFERENCE_PREFIX = "IPY_MODEL_";

  static final String CONTROLS = "@jupyter-widgets/controls";
  static final String BASE = "@jupyter-widgets/base";
  static final String VERSION_2 = "2.0.0";

  /** A change of one key: old and new value, and whether it came from the browser. */
  public record Change(Widget widget, String key, Object oldValue, Object newValue, boolean fromBrowser) {}

  private final String id = UUID.randomUUID().toString();
  private final Map<String, Object> state = new LinkedHashMap<>();
  private final Map<String, List<Consumer<Change>>> observers = new ConcurrentHashMap<>();
  private final String name;
  private volatile boolean opened;

  /**
   * A model of {@code modelName} in {@code modelModule}, drawn by {@code viewName} (null for
   * models without a view, such as a layout). {@code name} is what error messages call it.
   */
  protected Widget(String name, String modelModule, String modelVersion, String modelName,
                   String viewModule, String viewVersion, String viewName) {
    this.name = name;
    state.put("_model_module", modelModule);
    state.put("_model_module_version", modelVersion);
    state.put("_model_name", modelName);
    state.put("_view_module", viewModule);
    state.put("_view_module_version", viewVersion);
    state.put("_view_name", viewName);
    state.put("_view_count", null);   // ipywidgets' "views displayed" counter; null: not counted
  }

  /** The comm id, which is also the model id in the browser. */
  public String id() { return id; }

  /** What errors call this control, e.g. {@code FloatSlider "lr"}. */
  public String name() { return name; }

  /** The value of one key of the state. */
  public synchronized Object get(String key) {
    if (!state.containsKey(key)) throw new IllegalArgumentException(name + " has no key '" + key + "'; it has " + state.keySet());
    return state.get(key);
  }

  /** A copy of the whole state, in the order keys were first set. */
  public synchronized Map<String, Object> state() { return new LinkedHashMap<>(state); }

  /** The keys of the state. */
  public synchronized Set<String> keys() { return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(state.keySet())); }

  /** Runs {@code observer} after every change of {@code key}, from Java or from a browser. */
  public Widget observe(String key, Consumer<Change> observer) {
    get(key);
    observers.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(observer);
    return this;
  }

  /** Sets keys from Java code: checked by {@link #accept}, stored, sent to the browser, observers run. */
  public void set(String key, Object value) { set(Map.of(key, value)); }

  /** Several keys at once, in one update message. */
  public void set(Map<String, ?> changes) {
    List<Change> made = new ArrayList<>();
    Map<String, Object> sent = new LinkedHashMap<>();
    synchronized (this) {
      for (var e : changes.entrySet()) {
        Object v = accept(e.getKey(), e.getValue());
        Object old = state.put(e.getKey(), v);
        sent.put(e.getKey(), v);
        if (!java.util.Objects.equals(old, v)) made.add(new Change(this, e.getKey(), old, v, false));
      }
    }
    if (opened) Widgets.transport().update(this, sent, "update", null);
    notifyObservers(made);
  }

  /**
   * Checks a new value of {@code key} and returns it as stored (a number widened to double, an
   * index checked against the options...). Throws IllegalArgumentException naming the control
   * and the value when it is refused. The default refuses keys the model does not have and the
   * fixed {@code _model_*}, {@code _view_*} keys.
   */
  protected Object accept(String key, Object value) {
    if (key.startsWith("_model_") || key.startsWith("_view_")) throw new IllegalArgumentException(name + ": '" + key + "' is fixed");
    synchronized (this) {
      if (!state.containsKey(key)) throw new IllegalArgumentException(name + " has no key '" + key + "'; it has " + state.keySet());
    }
    return value;
  }

  /** Declares a key with its initial value, before the model is opened (no check, no message). */
  protected final synchronized void define(String key, Object value) {
    if (opened) throw new IllegalStateException(name + " is open already: '" + key + "' must be defined before");
    state.put(key, value);
  }

  /** Drops a key a subclass's model does not have (ipywidgets' Button has no description_allow_html). */
  protected final synchronized void remove(String key) {
    if (opened) throw new IllegalStateException(name + " is open already");
    state.remove(key);
  }

  /** Custom messages from the browser (a button's click); the default ignores them. */
  protected void onCustom(Map<String, Object> content) {}

  /** Widgets this one refers to, which must be opened first (its layout, style, children). */
  protected List<Widget> references() {
    List<Widget> refs = new ArrayList<>();
    for (Object v : state().values()) collect(v, refs);
    return refs;
  }

  private static void collect(Object v, List<Widget> into) {
    if (v instanceof Widget w) into.add(w);
    else if (v instanceof List<?> list) list.forEach(x -> collect(x, into));
  }

  /** Opens the model in the browser (and what it refers to) if it is not open yet. Idempotent. */
  public Widget open() {
    if (opened) return this;
    for (Widget w : references()) w.open();
    synchronized (this) {
      if (opened) return this;
      opened = true;
    }
    Widgets.register(this);
    Widgets.transport().open(this);
    return this;
  }

  /** Whether the model has been opened in the browser. */
  public boolean isOpen() { return opened; }

  /** The display bundle of this widget's view (opening the model first): the widget-view JSON and a text fallback. */
  public Map<String, Object> displayBundle() {
    open();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("model_id", id);
    view.put("version_major", 2);
    view.put("version_minor", 1);
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put(VIEW_MIME_TYPE, view);
    bundle.put("text/plain", toString());
    return bundle;
  }

  // ------------------------------------------------------------------ from the browser

  /** An {@code update} from a browser: each key accepted or answered with the kept value. */
  void updateFromBrowser(Map<String, Object> changes, Object parent) {
    List<Change> made = new ArrayList<>();
    Map<String, Object> echoed = new LinkedHashMap<>();
    Map<String, Object> refused = new LinkedHashMap<>();
    synchronized (this) {
      for (var e : changes.entrySet()) {
        try {
          Object v = accept(e.getKey(), fromJson(e.getKey(), e.getValue()));
          Object old = state.put(e.getKey(), v);
          echoed.put(e.getKey(), v);
          if (!java.util.Objects.equals(old, v)) made.add(new Change(this, e.getKey(), old, v, true));
        } catch (IllegalArgumentException refusedValue) {
          if (state.containsKey(e.getKey())) refused.put(e.getKey(), state.get(e.getKey()));
          Widgets.log(refusedValue.getMessage());
        }
      }
    }
    if (!echoed.isEmpty()) Widgets.transport().update(this, echoed, "echo_update", parent);
    if (!refused.isEmpty()) Widgets.transport().update(this, refused, "update", parent);
    notifyObservers(made);
  }

  /** JSON numbers arrive as doubles; a subclass turns them into its key's type. */
  protected Object fromJson(String key, Object value) { return value; }

  private void notifyObservers(List<Change> changes) {
    for (Change c : changes) {
      for (Consumer<Change> o : observers.getOrDefault(c.key(), List.of())) {
        try {
          o.accept(c);
        } catch (RuntimeException e) {
          Widgets.log(name + ": an observer of '" + c.key() + "' failed: " + e);
        }
      }
    }
  }

  @Override public String toString() {
    Object description = state().get("description");
    Object value = state().get("value");
    return getClass().getSimpleName() + (description == null || "".equals(description) ? "" : " \"" + description + "\"")
        + (state().containsKey("value") ? " = " + value : "");
  }
}
