package org.ganbook.gan;

import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;
import org.ganbook.data.RandomState;

/**
 * What both trainers do around an iteration, whatever the iteration is. The loop owns the state of
 * the random generator the trainer draws with, so a seed gives the same run in any thread and a
 * checkpoint resumes exactly; stops between iterations when the thread is interrupted (the
 * notebook's stop button), leaving the networks consistent; gives each iteration its memory
 * ({@link IterationMemory}); counts the iterations done; and stops with the iteration, the network
 * and the loss when a loss is not finite.
 */
final class TrainingLoop {
  /** One iteration's work, given its number (counted from 0); it runs inside the iteration's memory. */
  @FunctionalInterface
  interface Iteration {
    void run(long iteration);
  }

  private final Object trainer;
  /** Iterations completed. */
  long iteration;
  RandomState random;

  /** The loop of {@code trainer} (it names the iterations' memory), drawing from a generator seeded with {@code seed}. */
  TrainingLoop(Object trainer, long seed) {
    this.trainer = trainer;
    this.random = RandomState.seeded(seed);
  }

  /**
   * Runs {@code iterations} more iterations of {@code body}; after each, outside its memory, calls
   * {@code afterEach} with the number of iterations completed.
   */
  void run(int iterations, Iteration body, LongConsumer afterEach) {
    if (iterations < 0) throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
    long to = iteration + iterations;
    random.use(() -> {
      try (var memory = new IterationMemory(trainer)) {
        while (iteration < to) {
          if (Thread.interrupted()) {
            throw new CancellationException("training interrupted after iteration " + (iteration - 1)
                + "; call train again to continue");
          }
          try (var scope = memory.iteration()) {
            body.run(iteration);
          }
          iteration++;
          afterEach.accept(iteration);
        }
      }
      return null;
    });
  }

  /** Stops training where a loss stops being a number: later iterations would only spread the NaN. */
  void requireFinite(double value, String network, String loss) {
    if (!Double.isFinite(value)) throw new TrainingDivergedException(iteration, network, loss, value);
  }
}
