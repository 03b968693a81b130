package org.ganbook.gan;

import java.util.Random;
import org.ganbook.data.Sampler;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatches of a data set's rows in epochs: each epoch visits every row once, in a fresh random
 * order, as pylearn2's shuffled iterator fed the paper's MNIST run and as improved-gan's script
 * permutes its data every epoch. ({@link Sampler#rowsOf} draws with replacement instead.)
 *
 * <p>Epoch e's order is a function of (seed, e) alone, so the sampler's whole state is how many
 * rows it has handed out: {@link #drawn()} saved in a checkpoint and {@link #seek} restore it
 * exactly, whatever ND4J's generator does in between.
 */
public final class EpochSampler implements Sampler {
  private final INDArray data;
  private final long seed;
  private final int n;
  private long drawn;
  private long epochOfOrder = -1;
  private int[] order;

  public EpochSampler(INDArray data, long seed) {
    if (data.rank() != 2 || data.rows() < 1) {
      throw new IllegalArgumentException("a data set must be a non-empty matrix [n, d], got " + java.util.Arrays.toString(data.shape()));
    }
    this.data = data;
    this.seed = seed;
    this.n = (int) data.rows();
  }

  @Override public INDArray sample(int m) {
    return Nd4j.pullRows(data, 1, nextRows(m)); // one gather op
  }

  /** The indices of the next m rows. */
  int[] nextRows(int m) {
    int[] rows = new int[m];
    for (int i = 0; i < m; i++) {
      long epoch = drawn / n;
      if (epoch != epochOfOrder) {
        order = permutation(n, new Random(seed * 1_000_003L + epoch));
        epochOfOrder = epoch;
      }
      rows[i] = order[(int) (drawn % n)];
      drawn++;
    }
    return rows;
  }

  /** The seed the epochs' orders are drawn from. */
  public long seed() { return seed; }

  /** Rows handed out so far. */
  public long drawn() { return drawn; }

  /** Continues as if {@code drawn} rows had been handed out (to resume from a checkpoint). */
  public void seek(long drawn) {
    if (drawn < 0) throw new IllegalArgumentException("rows drawn must be >= 0, got " + drawn);
    this.drawn = drawn;
  }

  /** Completed epochs, as a fraction: rows drawn / rows in the data set. */
  public double epochs() { return (double) drawn / n; }

  static int[] permutation(int n, Random random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i]; p[i] = p[j]; p[j] = t;
    }
    return p;
  }
}
