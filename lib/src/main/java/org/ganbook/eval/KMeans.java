package org.ganbook.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * k-means clustering: Lloyd's algorithm (Lloyd, 1982) from k-means++ seeds (Arthur and
 * Vassilvitskii, 2007). Theis, van den Oord and Bethge (2016) use it to game the Parzen-window
 * estimate of the paper's Table 1: a "model" that only stores 10,000 k-means centroids of the
 * training digits scores 313 nats, above a GAN (225) and above the training digits themselves (243).
 *
 * <p>Each Lloyd iteration assigns every row to its nearest centroid, then moves each centroid to
 * the mean of its rows; neither step can increase the inertia (the sum of squared distances of the
 * rows to their centroids), so the iterations stop when the assignment no longer changes or after
 * {@code maxIterations}. The returned centroids, assignments and inertia belong together: each row
 * is assigned to its nearest returned centroid and the inertia is the sum of those distances.
 *
 * <p>Squared distances come from one float GEMM per chunk of rows, |x|^2 - 2 x c^T + |c|^2, as in
 * {@link ParzenWindow}: at MNIST's size (60,000 x 784, k in the hundreds) the GEMM is the whole
 * cost and a chunk's [rows, k] block bounds the memory. The centroids' sums are accumulated in
 * double, so a cluster of thousands of rows is averaged without float's drift.
 *
 * @param centroids    [k, d] float
 * @param assignments  the index of each row's centroid
 * @param inertia      the sum over rows of the squared distance to their centroid
 * @param iterations   the assignment steps made (passes over the rows)
 * @param converged    whether the last assignment step changed nothing
 * @param inertiaCurve the inertia after each assignment step, non-increasing up to float rounding
 */
public record KMeans(INDArray centroids, int[] assignments, double inertia, int iterations, boolean converged,
                     double[] inertiaCurve) {
  /** scikit-learn's default bound on the iterations. */
  public static final int MAX_ITERATIONS = 300;

  /** Distance entries per chunk: a [rows, k] block of 4M floats is 16 MB. */
  static final int CHUNK_ELEMENTS = 1 << 22;

  public KMeans {
    centroids = centroids.castTo(DataType.FLOAT).dup();
    assignments = assignments.clone();
    inertiaCurve = inertiaCurve.clone();
  }

  /** k clusters of the rows of {@code x} [n, d], 1 <= k <= n, at most {@link #MAX_ITERATIONS} iterations. */
  public static KMeans fit(INDArray x, int k, long seed) { return fit(x, k, MAX_ITERATIONS, seed); }

  /**
   * k clusters of the rows of {@code x} [n, d], 1 <= k <= n. The k-means++ seeds are drawn from a
   * {@link SplittableRandom} seeded with {@code seed} (ND4J's generator is left alone), so the same
   * seed gives the same clustering.
   */
  public static KMeans fit(INDArray x, int k, int maxIterations, long seed) {
    if (x.rank() != 2 || x.rows() < 1 || x.columns() < 1) {
      throw new IllegalArgumentException("rows to cluster must be [n, d] with n, d >= 1, got " + Arrays.toString(x.shape()));
    }
    if (k < 1 || k > x.rows()) {
      throw new IllegalArgumentException("k must be between 1 and the " + x.rows() + " rows, got k = " + k);
    }
    if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    INDArray data = x.castTo(DataType.FLOAT);
    int chunkRows = chunkRows(k, data.columns());
    INDArray norms = rowNorms(data, chunkRows);
    float[] n = norms.toFloatVector();
    for (int i = 0; i < n.length; i++) {
      if (!Float.isFinite(n[i])) {
        throw new IllegalArgumentException("row " + i + " of " + Arrays.toString(x.shape()) + " contains NaN or infinite values");
      }
    }
    INDArray seeds = plusPlus(data, norms, k, new SplittableRandom(seed));
    return lloyd(data, seeds, maxIterations, chunkRows);
  }

  public int k() { return (int) centroids.rows(); }

  @Override public INDArray centroids() { return centroids.dup(); }

  @Override public int[] assignments() { return assignments.clone(); }

  @Override public double[] inertiaCurve() { return inertiaCurve.clone(); }

  /** The index of the nearest centroid of each row of {@code x} [m, d] (e.g. test digits). */
  public int[] assign(INDArray x) {
    if (x.rank() != 2 || x.columns() != centroids.columns()) {
      throw new IllegalArgumentException("rows must be [m, " + centroids.columns() + "] like the centroids "
          + Arrays.toString(centroids.shape()) + ", got " + Arrays.toString(x.shape()));
    }
    INDArray data = x.castTo(DataType.FLOAT);
    return Pass.over(data, centroids, chunkRows(k(), data.columns()), false).assignments;
  }

  /** Rows per chunk, so that neither the [rows, k] distances nor the [rows, d] double copy exceed CHUNK_ELEMENTS. */
  static int chunkRows(long k, long d) { return (int) Math.max(1, CHUNK_ELEMENTS / Math.max(k, d)); }

  /**
   * k-means++: the first seed a uniformly drawn row, each next one a row drawn with probability
   * proportional to D(x)^2, its squared distance to the nearest seed so far. The seeds spread over
   * the data, and the expected inertia is within O(log k) of the optimum before any Lloyd step.
   */
  static INDArray plusPlus(INDArray data, INDArray norms, int k, SplittableRandom random) {
    int n = (int) data.rows();
    int[] chosen = new int[k];
    chosen[0] = random.nextInt(n);
    double[] nearest = new double[n];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    float[] rowNorms = norms.toFloatVector();
    // One GEMV over all rows per seed, into the same [n, 1] block each time (10,000 seeds of
    // 50,000 rows would otherwise leave 2 GB of garbage off the heap).
    INDArray dots = Nd4j.createUninitialized(DataType.FLOAT, n, 1);
    for (int j = 1; j < k; j++) {
      INDArray c = data.getRow(chosen[j - 1], true);
      double cNorm = rowNorms[chosen[j - 1]];
      Nd4j.gemm(data, c, dots, false, true, 1.0, 0.0);
      float[] dot = dots.data().asFloat();
      double total = 0;
      for (int i = 0; i < n; i++) {
        // The squared distance to the newest seed, |x|^2 - 2 x.c + |c|^2.
        nearest[i] = Math.min(nearest[i], Math.max(rowNorms[i] - 2.0 * dot[i] + cNorm, 0));
        total += nearest[i];
      }
      chosen[j] = total > 0 ? draw(nearest, total, random) : random.nextInt(n);
    }
    return data.getRows(chosen);
  }

  /** An index i drawn with probability weights[i] / total. */
  private static int draw(double[] weights, double total, SplittableRandom random) {
    double u = random.nextDouble() * total;
    double cumulative = 0;
    for (int i = 0; i < weights.length; i++) {
      cumulative += weights[i];
      if (u < cumulative) return i;
    }
    // Rounding of the running sum can leave u just above it: take the last row of positive weight.
    for (int i = weights.length - 1; ; i--) {
      if (weights[i] > 0) return i;
    }
  }

  /** Lloyd's iterations from {@code seeds} [k, d], chunks of {@code chunkRows} rows. */
  static KMeans lloyd(INDArray data, INDArray seeds, int maxIterations, int chunkRows) {
    INDArray centroids = seeds.castTo(DataType.FLOAT);
    double[] curve = new double[maxIterations];
    int[] previous = null;
    for (int t = 0; ; t++) {
      Pass pass = Pass.over(data, centroids, chunkRows, true);
      curve[t] = pass.inertia;
      boolean converged = Arrays.equals(pass.assignments, previous);
      if (converged || t + 1 == maxIterations) {
        return new KMeans(centroids, pass.assignments, pass.inertia, t + 1, converged, Arrays.copyOf(curve, t + 1));
      }
      previous = pass.assignments;
      centroids = pass.means(data);
    }
  }

  /** One assignment step: each row's nearest centroid and squared distance, and the sums of each cluster's rows. */
  private static final class Pass {
    final int[] assignments;
    final double[] distances;
    final double inertia;
    final double[][] sums;   // [k][d], null when not asked for
    final long[] counts;

    private Pass(int[] assignments, double[] distances, double[][] sums, long[] counts) {
      this.assignments = assignments;
      this.distances = distances;
      this.inertia = Arrays.stream(distances).sum();
      this.sums = sums;
      this.counts = counts;
    }

    static Pass over(INDArray data, INDArray centroids, int chunkRows, boolean withSums) {
      int n = (int) data.rows();
      int k = (int) centroids.rows();
      INDArray centroidNorms = centroids.mul(centroids).sum(1).reshape(1, k);
      int[] assignments = new int[n];
      double[] distances = new double[n];
      int d = (int) data.columns();
      double[][] sums = withSums ? new double[k][d] : null;
      long[] counts = new long[k];
      // One distance block for every chunk: with k = 10,000 a fresh one per chunk made gigabytes
      // of garbage off the heap in a pass, faster than the collector returned it.
      INDArray distanceBlock = Nd4j.createUninitialized(DataType.FLOAT, Math.min(n, chunkRows), k);
      for (int start = 0; start < n; start += chunkRows) {
        int end = Math.min(n, start + chunkRows);
        INDArray block = data.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
        INDArray d2 = end - start == distanceBlock.rows() ? distanceBlock
            : distanceBlock.get(NDArrayIndex.interval(0, end - start), NDArrayIndex.all());
        Nd4j.gemm(block, centroids, d2, false, true, -2.0, 0.0);
        d2.addiColumnVector(block.mul(block).sum(1).reshape(-1, 1)).addiRowVector(centroidNorms);
        INDArray nearest = Nd4j.argMin(d2, 1);
        // Rounding can push the distance of a row to its own copy slightly below zero.
        double[] min = Transforms.max(d2.min(1), 0.0, false).toDoubleVector();
        long[] index = nearest.toLongVector();
        for (int i = 0; i < index.length; i++) {
          assignments[start + i] = (int) index[i];
          distances[start + i] = min[i];
          counts[(int) index[i]]++;
        }
        if (withSums) {
          // Each row added to its cluster's sum, in double.
          float[][] rows = block.toFloatMatrix();
          for (int i = 0; i < rows.length; i++) {
            double[] sum = sums[(int) index[i]];
            float[] row = rows[i];
            for (int j = 0; j < d; j++) sum[j] += row[j];
          }
        }
      }
      return new Pass(assignments, distances, sums, counts);
    }

    /**
     * The update step: each centroid moved to the mean of its rows. A cluster left empty moves to
     * the row farthest from its own centroid (scikit-learn's rule): that row can then join it at
     * distance 0 and no other row's distance grows, so the inertia still cannot increase, and all
     * k centroids stay in use.
     */
    INDArray means(INDArray data) {
      int k = counts.length;
      float[][] mean = new float[k][];
      for (int j = 0; j < k; j++) {
        mean[j] = new float[sums[j].length];
        for (int i = 0; i < mean[j].length; i++) mean[j][i] = (float) (sums[j][i] / Math.max(counts[j], 1));
      }
      INDArray means = Nd4j.create(mean);
      double[] remaining = distances.clone();
      for (int j = 0; j < k; j++) {
        if (counts[j] > 0) continue;
        int farthest = 0;
        for (int i = 1; i < remaining.length; i++) {
          if (remaining[i] > remaining[farthest]) farthest = i;
        }
        means.putRow(j, data.getRow(farthest));
        remaining[farthest] = -1;
      }
      return means;
    }
  }

  /** |x|^2 of each row [n] in float, a chunk at a time so no copy of the whole data is made. */
  private static INDArray rowNorms(INDArray data, int chunkRows) {
    int n = (int) data.rows();
    INDArray norms = Nd4j.createUninitialized(DataType.FLOAT, n);
    for (int start = 0; start < n; start += chunkRows) {
      int end = Math.min(n, start + chunkRows);
      INDArray block = data.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
      norms.get(NDArrayIndex.interval(start, end)).assign(block.mul(block).sum(1));
    }
    return norms;
  }
}
