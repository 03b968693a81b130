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
   * m examples as drawn right after seeding a generator with {@code seed}: the same rows every time
   * (a fixed z to compare samples across a run). They come from a generator state of their own,
   * so this thread's generator is left where it was and later draws are not changed by this one.
   */
  default INDArray sample(int m, long seed) {
    return RandomState.seeded(seed).use(() -> sample(m));
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
