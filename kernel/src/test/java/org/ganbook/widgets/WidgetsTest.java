package org.ganbook.widgets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WidgetsTest {
  /** What the kernel would send, as the messages' data. */
  record Sent(String kind, Widget widget, Map<String, Object> state, Object parent) {}

  static final class Recording implements WidgetTransport {
    final List<Sent> sent = new ArrayList<>();

    @Override public synchronized void open(Widget widget) { sent.add(new Sent("open", widget, widget.state(), null)); }

    @Override public synchronized void update(Widget widget, Map<String, Object> state, String method, Object parent) {
      sent.add(new Sent(method, widget, state, parent));
    }

    synchronized List<Sent> of(String kind) { return sent.stream().filter(s -> s.kind().equals(kind)).toList(); }
  }

  Recording wire;
  final List<String> errors = new ArrayList<>();

  @BeforeEach void connect() {
    wire = new Recording();
    Widgets.connect(wire, errors::add);
  }

  @AfterEach void disconnect() {
    Widgets.connect(WidgetTransport.NONE, null);
    Widgets.forgetAll();
  }

  static Map<String, Object> update(Map<String, Object> state) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("method", "update");
    data.put("state", state);
    data.put("buffer_paths", List.of());
    return data;
  }

  @Test void openingSendsTheModelAfterTheModelsItRefersTo() {
    var lr = Widgets.slider("lr", 0, 1, 0.01, 0.1);
    lr.open();
    var opened = wire.of("open");
    assertEquals(3, opened.size(), "layout, style, slider");
    assertEquals("LayoutModel", opened.get(0).state().get("_model_name"));
    assertEquals("SliderStyleModel", opened.get(1).state().get("_model_name"));
    var state = opened.get(2).state();
    assertEquals("FloatSliderModel", state.get("_model_name"));
    assertEquals("@jupyter-widgets/controls", state.get("_model_module"));
    assertEquals("2.0.0", state.get("_model_module_version"));
    assertEquals("FloatSliderView", state.get("_view_name"));
    assertEquals(0.1, state.get("value"));
    assertEquals("lr", state.get("description"));
    var json = Widgets.wire(state).json();
    assertEquals(Widget.REFERENCE_PREFIX + opened.get(0).widget().id(), json.get("layout"));
    assertEquals(Widget.REFERENCE_PREFIX + opened.get(1).widget().id(), json.get("style"));
    lr.open();
    assertEquals(3, wire.of("open").size(), "opening twice sends nothing");
  }

  @Test void theModelsHaveIpywidgets8Keys() {
    // The attribute names of jupyterwidgetmodels.latest.md (ipywidgets 8) for each model.
    var common = List.of("_dom_classes", "_model_module", "_model_module_version", "_model_name", "_view_module",
        "_view_module_version", "_view_name", "_view_count", "layout", "tabbable", "tooltip");
    var described = List.of("description", "description_allow_html", "style");
    assertKeys(Widgets.slider("a", 0, 1, 0.1, 0), common, described, List.of("behavior", "continuous_update", "disabled",
        "max", "min", "orientation", "readout", "readout_format", "step", "value"));
    assertKeys(Widgets.logSlider("a", -3, 0, 0.1, 0.01), common, described, List.of("base", "behavior", "continuous_update",
        "disabled", "max", "min", "orientation", "readout", "readout_format", "step", "value"));
    assertKeys(Widgets.intSlider("k", 1, 20, 1), common, described, List.of("behavior", "continuous_update", "disabled",
        "max", "min", "orientation", "readout", "readout_format", "step", "value"));
    assertKeys(Widgets.dropdown("loss", List.of("a", "b"), "a"), common, described, List.of("_options_labels", "disabled", "index"));
    assertKeys(Widgets.toggleButtons("loss", List.of("a", "b"), "a"), common, described,
        List.of("_options_labels", "button_style", "disabled", "icons", "index", "tooltips"));
    assertKeys(Widgets.button("step"), common, List.of("description", "style"), List.of("button_style", "disabled", "icon"));
    assertKeys(Widgets.play("run", 100, 50), common, described, List.of("disabled", "interval", "max", "min", "playing",
        "repeat", "show_repeat", "step", "value"));
    assertKeys(Widgets.label("x"), common, described, List.of("placeholder", "value"));
    assertKeys(Widgets.html("x"), common, described, List.of("placeholder", "value"));
    assertKeys(Widgets.image(300), common, List.of(), List.of("format", "height", "value", "width"));
    assertKeys(Widgets.hbox(), common, List.of(), List.of("box_style", "children"));
  }

  static void assertKeys(Widget w, List<String> a, List<String> b, List<String> c) {
    var expected = new java.util.TreeSet<String>();
    expected.addAll(a);
    expected.addAll(b);
    expected.addAll(c);
    assertEquals(expected, new java.util.TreeSet<>(w.keys()), w.name());
  }

  @Test void javaChangesAreSentAndBadValuesNameTheControl() {
    var lr = Widgets.slider("lr", 0, 1, 0.01, 0.1);
    lr.open();
    lr.value(0.5);
    assertEquals(Map.of("value", 0.5), wire.of("update").get(0).state());
    var e = assertThrows(IllegalArgumentException.class, () -> lr.value(2));
    assertTrue(e.getMessage().contains("FloatSlider \"lr\"") && e.getMessage().contains("outside [0.0, 1.0]"), e.getMessage());
    assertEquals(0.5, lr.value());
    var loss = Widgets.dropdown("G loss", List.of("saturating", "non-saturating"), "non-saturating");
    var unknown = assertThrows(IllegalArgumentException.class, () -> loss.value("wasserstein"));
    assertTrue(unknown.getMessage().contains("[saturating, non-saturating]"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Widgets.slider("bad", 1, 0, 0.1, 0.5));
    assertThrows(IllegalArgumentException.class, () -> Widgets.intSlider("k", 1, 20, 0));
    assertThrows(IllegalArgumentException.class, () -> lr.set("_model_name", "IntSliderModel"));
    assertThrows(IllegalArgumentException.class, () -> lr.set("no_such_key", 1));
  }

  @Test void aBrowsersUpdateIsCheckedStoredEchoedAndObserved() {
    var k = Widgets.intSlider("k", 1, 20, 1);
    k.open();
    var seen = new ArrayList<Widget.Change>();
    k.observe("value", seen::add);
    Object parent = new Object();
    Widgets.receive(k.id(), update(Map.of("value", 5.0)), List.of(), parent);   // JSON numbers arrive as doubles
    assertEquals(5, k.value());
    var echo = wire.of("echo_update");
    assertEquals(1, echo.size());
    assertEquals(Map.of("value", 5), echo.get(0).state());
    assertTrue(echo.get(0).parent() == parent, "the echo answers the browser's message");
    assertEquals(1, seen.size());
    assertTrue(seen.get(0).fromBrowser());
    assertEquals(1, seen.get(0).oldValue());
    assertEquals(5, seen.get(0).newValue());

    Widgets.receive(k.id(), update(Map.of("value", 50.0)), List.of(), parent);
    assertEquals(5, k.value(), "out of range: refused");
    var kept = wire.of("update");
    assertEquals(Map.of("value", 5), kept.get(kept.size() - 1).state(), "the browser is told the kept value");
    assertTrue(errors.get(errors.size() - 1).contains("IntSlider \"k\": value 50 is outside [1, 20]"), errors.toString());
    assertEquals(1, seen.size(), "no observer for a refused value");
  }

  @Test void requestStateCustomClicksAndUnknownWidgets() {
    var step = Widgets.button("step");
    var clicked = new AtomicInteger();
    step.onClick(clicked::incrementAndGet);
    step.open();
    Widgets.receive(step.id(), Map.of("method", "request_state"), List.of(), null);
    var full = wire.of("update").get(0).state();
    assertEquals("ButtonModel", full.get("_model_name"));
    Widgets.receive(step.id(), Map.of("method", "custom", "content", Map.of("event", "click")), List.of(), null);
    assertEquals(1, clicked.get());
    assertEquals(1, step.clicks());
    Widgets.receive("no-such-id", update(Map.of("value", 1.0)), List.of(), null);
    assertTrue(errors.get(errors.size() - 1).contains("unknown widget"), errors.toString());
  }

  @Test void choicesTravelAsIndices() {
    var loss = Widgets.toggleButtons("G loss", List.of("saturating", "non-saturating"), "non-saturating");
    loss.open();
    assertEquals(1, loss.index());
    Widgets.receive(loss.id(), update(Map.of("index", 0.0)), List.of(), null);
    assertEquals("saturating", loss.value());
    Widgets.receive(loss.id(), update(Map.of("index", 2.0)), List.of(), null);
    assertEquals("saturating", loss.value(), "no third option");
  }

  @Test void imagesGoAsBinaryBuffersAndAllStatesAreOneReply() {
    var chart = Widgets.image(400);
    chart.show(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB));
    chart.open();
    var wired = Widgets.wire(chart.state());
    assertEquals(List.of(List.of("value")), wired.bufferPaths());
    assertArrayEquals(chart.png(), wired.buffers().get(0));
    assertFalse(wired.json().containsKey("value"), "a buffer's key is left out of the JSON");
    assertEquals((byte) 0x89, chart.png()[0], "PNG bytes");

    var states = Widgets.allStates();
    assertTrue(states.containsKey(chart.id()) && states.containsKey(chart.layout().id()));
    @SuppressWarnings("unchecked")
    var entry = (Map<String, Object>) states.get(chart.id());
    assertEquals("ImageModel", entry.get("model_name"));
    assertEquals("@jupyter-widgets/controls", entry.get("model_module"));
    var wiredStates = Widgets.wire(states);
    assertEquals(List.of(List.of(chart.id(), "state", "value")), wiredStates.bufferPaths());
  }

  @Test void theDisplayBundleNamesTheModel() {
    var box = Widgets.vbox(Widgets.label("status"), Widgets.play("run", 10, 100));
    var bundle = box.displayBundle();
    @SuppressWarnings("unchecked")
    var view = (Map<String, Object>) bundle.get(Widget.VIEW_MIME_TYPE);
    assertEquals(box.id(), view.get("model_id"));
    assertEquals(2, view.get("version_major"));
    assertTrue(bundle.containsKey("text/plain"));
    assertTrue(box.isOpen() && box.children().stream().allMatch(Widget::isOpen), "displaying opens the box and its children");
    assertEquals(box.id(), wire.of("open").get(wire.of("open").size() - 1).widget().id(), "the box goes last");
  }

  @Test void aLoopOnAnotherThreadSeesTheBrowsersValue() throws Exception {
    var lr = Widgets.logSlider("lr", -5, -1, 0.1, 1e-3);
    lr.open();
    var started = new CountDownLatch(1);
    var seen = new AtomicReference<Double>();
    var loop = new Thread(() -> {
      started.countDown();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < until) {
        double v = lr.value();                 // what a training loop does at each iteration
        if (v != 1e-3) { seen.set(v); return; }
        Thread.onSpinWait();
      }
    });
    loop.start();
    started.await();
    Widgets.receive(lr.id(), update(Map.of("value", 0.01)), List.of(), null);
    loop.join(10_000);
    assertEquals(0.01, seen.get());
  }

  @Test void interactRunsNowAndOnEveryChange() {
    var runs = new AtomicInteger();
    var k = Widgets.intSlider("k", 1, 20, 1);
    var loss = Widgets.dropdown("loss", List.of("a", "b"), "a");
    var panel = Widgets.interact(runs::incrementAndGet, k, loss);
    assertEquals(1, runs.get());
    panel.open();
    Widgets.receive(k.id(), update(Map.of("value", 3.0)), List.of(), null);
    Widgets.receive(loss.id(), update(Map.of("index", 1.0)), List.of(), null);
    assertEquals(3, runs.get());
    k.value(3);
    assertEquals(3, runs.get(), "no change, no rerun");
  }

  @Test void withoutAFrontEndControlsStillHoldTheirValues() {
    Widgets.connect(WidgetTransport.NONE, null);
    var lr = Widgets.slider("lr", 0, 1, 0.1, 0.2);
    lr.value(0.3);
    assertEquals(0.3, lr.value());
    assertNull(lr.layout().get("width"));
  }
}
