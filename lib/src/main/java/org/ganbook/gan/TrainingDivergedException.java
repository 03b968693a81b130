package org.ganbook.gan;

/** Training produced a loss that is not a finite number; the message says when and in which network. */
public final class TrainingDivergedException extends RuntimeException {
  private final long iteration;

  TrainingDivergedException(long iteration, String network, String loss, double value) {
    super(String.format("training diverged at iteration %d: %s's loss %s is %s. Lower the learning rate, "
        + "or resume from an earlier checkpoint.", iteration, network, loss, value));
    this.iteration = iteration;
  }

  public long iteration() { return iteration; }
}
