package org.ganbook.widgets;

import java.awt.image.RenderedImage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An area of text, tables and pictures that Java code rewrites while a cell runs (ipywidgets'
 * Output): a panel's log of what it did, a table of the runs so far. Its content is a list of
 * notebook outputs (nbformat's stream and display_data), drawn by JupyterLab's own renderers.
 * Python's Output also captures what a cell prints inside a {@code with} block; here the code
 * writes to it: {@link #print}, {@link #html}, {@link #show}, {@link #clear}.
 */
public final class Output extends DomWidget {
  static final String MODULE = "@jupyter-widgets/output";
  static final String VERSION = "1.0.0";

  Output() {
    super("Output", MODULE, VERSION, "OutputModel", "OutputView", null, null);
    define("msg_id", "");
    define("outputs", List.of());
  }

  /** Adds text, as a cell's printed output (consecutive text joins one stream). */
  public synchronized void print(String text) {
    List<Map<String, Object>> outputs = outputs();
    Map<String, Object> last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1);
    if (last != null && "stream".equals(last.get("output_type"))) {
      Map<String, Object> joined = new LinkedHashMap<>(last);
      joined.put("text", last.get("text") + text);
      outputs.set(outputs.size() - 1, joined);
    } else {
      outputs.add(Map.of("output_type", "stream", "name", "stdout", "text", text));
    }
    set("outputs", outputs);
  }

  /** Adds HTML (a Tablesaw table's {@code printHtml()}, a formatted line). */
  public void html(String html) { display(Map.of("text/html", html, "text/plain", html)); }

  /** Adds a picture, as PNG. */
  public void show(RenderedImage image) {
    display(Map.of("image/png", Base64.getEncoder().encodeToString(Image.encode(image)), "text/plain", "<image>"));
  }

  /** Adds one display bundle: MIME type to content, as a cell's display_data carries it. */
  public synchronized void display(Map<String, String> bundle) {
    if (bundle.isEmpty()) throw new IllegalArgumentException("Output: a display needs at least one MIME type");
    List<Map<String, Object>> outputs = outputs();
    outputs.add(Map.of("output_type", "display_data", "data", Map.copyOf(bundle), "metadata", Map.of()));
    set("outputs", outputs);
  }

  /** Empties it. */
  public void clear() { set("outputs", List.of()); }

  /** What it shows now, a copy: nbformat outputs. */
  @SuppressWarnings("unchecked")
  public synchronized List<Map<String, Object>> outputs() {
    return new ArrayList<>((List<Map<String, Object>>) get("outputs"));
  }

  @Override protected Object accept(String key, Object value) {
    super.accept(key, value);
    if (key.equals("outputs") && !(value instanceof List<?> list && list.stream().allMatch(o -> o instanceof Map<?, ?> m && m.get("output_type") instanceof String))) {
      throw new IllegalArgumentException("Output: 'outputs' must be a list of notebook outputs (each with an output_type), got " + value);
    }
    if (key.equals("msg_id") && !(value instanceof String)) throw new IllegalArgumentException("Output: 'msg_id' must be text, got " + value);
    return value;
  }
}
