package org.ganbook.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A distribution to draw minibatches from: p_data or p_z. Implementations draw from the calling
 * thread's ND4J generator ({@code Nd4j.getRandom()}), whose state {@link org.ganbook.gan.Algorithm1} owns while it
 * trains, so a seeded run repeats exactly and a checkpoint resumes exactly. The toy distributions
 * ({@link Toy}) are samplers themselves; a data set becomes one with {@link #rowsOf}.
 */
@FunctionalInterface
public interface Sampler {
  /** m examples as the rows of a matrix. */
  INDArray sample(int m);

  /**
   * m examples drawn right after seeding this thread's generator: the same rows every time. One
   * call, because a notebook kernel may run each statement on a thread (and generator) of its own.
   * The toy distributions draw the same rows from a fresh generator instead, leaving this thread's as it was.
   */
  default INDArray sample(int m, long seed) {
    Nd4j.getRandom().setSeed(seed);
    return sample(m);
  }

  /** Uniformly chosen rows (with replacement) of a data set, e.g. the 50,000 MNIST training images. */
  static Sampler rowsOf(INDArray data) {
    if (data.rank() != 2 || data.rows() < 1) {
      throw new IllegalArgumentException("a data set must be a non-empty matrix [n, d], got " + java.util.Arrays.toString(data.shape()));
    }
    int n = (int) data.rows();
    return m -> {
      int[] rows = new int[m];
      for (int i = 0; i < m; i++) rows[i] = Nd4j.getRandom().nextInt(n);
      return Nd4j.pullRows(data, 1, rows); // one gather op (getRows copies row by row)
    };
  }
}
