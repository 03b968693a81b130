package org.ganbook.runs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ganbook.data.Mnist;

/** The command line of a reproduction: {@code --name value} pairs over defaults, each checked. */
final class RunOptions {
  private final Map<String, String> values;

  private RunOptions(Map<String, String> values) { this.values = values; }

  /**
   * Parses {@code args} over {@code defaults}, given as name, value, name, value, ...: every option
   * has a default, and {@link #toString()} lists them in this order, so a run's notes print the same
   * command however its options were typed.
   */
  static RunOptions parse(String[] args, String usage, String... defaults) {
    if (defaults.length % 2 != 0) throw new IllegalArgumentException("defaults come in name, value pairs");
    var defaultValues = new LinkedHashMap<String, String>();
    for (int i = 0; i < defaults.length; i += 2) defaultValues.put(defaults[i], defaults[i + 1]);
    var values = new LinkedHashMap<>(defaultValues);
    for (int i = 0; i < args.length; i++) {
      String key = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (key == null || !values.containsKey(key) || i + 1 == args.length) {
        throw new IllegalArgumentException("unknown or incomplete option '" + args[i] + "'\nusage: " + usage + "\noptions and defaults: " + defaultValues);
      }
      values.put(key, args[++i]);
    }
    return new RunOptions(values);
  }

  String text(String key) { return values.get(key); }

  int integer(String key) {
    try {
      int v = Integer.parseInt(values.get(key));
      if (v < 0) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " needs a whole number >= 0, got '" + values.get(key) + "'");
    }
  }

  /** Checkpoints go under the data cache (never into git): $GANBOOK_DATA/runs or ~/.cache/ganbook/runs. */
  static Path checkpointRoot() { return Mnist.dataDirectory().getParent().resolve("runs"); }

  @Override public String toString() {
    var b = new StringBuilder();
    values.forEach((k, v) -> b.append(" --").append(k).append(' ').append(v));
    return b.toString().trim();
  }
}
