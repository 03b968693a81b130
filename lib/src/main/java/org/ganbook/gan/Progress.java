package org.ganbook.gan;

/**
 * What an observer sees every few iterations while {@link Algorithm1#train} runs: the iteration
 * just finished, the range this call trains ({@code from} inclusive, {@code to} exclusive), the
 * seconds since the call began, and the history so far.
 */
public record Progress(long iteration, long from, long to, double seconds, History history) {
  /** Fraction of this {@code train} call done, for a progress bar. */
  public double fraction() { return to == from ? 1 : (double) (iteration + 1 - from) / (to - from); }

  /** Estimated seconds left in this call. */
  public double secondsLeft() { return fraction() == 0 ? Double.NaN : seconds * (1 - fraction()) / fraction(); }
}
