package org.ganbook.widgets;

/**
 * Play / pause / step controls (ipywidgets' Play): while {@code playing}, the browser advances
 * {@code value} by {@code step} every {@code interval} ms. A training panel uses it as its clock:
 * {@link #playing()} says whether to train, and a step button can advance it by hand.
 */
public final class Play extends DomWidget {
  Play(String description, int max, int intervalMillis) {
    super("Play \"" + description + "\"", CONTROLS, VERSION_2, "PlayModel", "PlayView", Style.description(), description);
    if (max < 1) throw new IllegalArgumentException(name() + ": max must be >= 1, got " + max);
    if (intervalMillis < 1) throw new IllegalArgumentException(name() + ": the interval must be >= 1 ms, got " + intervalMillis);
    define("disabled", false);
    define("interval", intervalMillis);
    define("max", max);
    define("min", 0);
    define("playing", false);
    define("repeat", false);
    define("show_repeat", true);
    define("step", 1);
    define("value", 0);
  }

  /** Whether the learner has pressed play (and not pause). */
  public boolean playing() { return (Boolean) get("playing"); }

  /** Starts or pauses from Java. */
  public void playing(boolean on) { set("playing", on); }

  /** The counter the browser advances while playing. */
  public int value() { return ((Number) get("value")).intValue(); }

  @Override protected Object accept(String key, Object value) {
    super.accept(key, value);
    return switch (key) {
      case "playing", "repeat", "show_repeat", "disabled" -> bool(key, value);
      case "value", "min", "max", "step", "interval" -> whole(key, value);
      default -> value;
    };
  }
}
