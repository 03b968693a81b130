package org.ganbook.eval;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The training example nearest (in Euclidean distance) to each sample: the paper's Figure 2 puts
 * it beside each sample to show that G has not memorised the training set, and chapter 06 asks
 * how far that test goes (Theis et al., 2016: a digit moved by one pixel is far from itself).
 */
public final class NearestNeighbours {
  /** Score entries per chunk of samples: a [rows, training rows] block of 16M floats is 64 MB. */
  static final long CHUNK_ELEMENTS = 1L << 24;

  /** Each sample's nearest training row and the Euclidean distance to it. */
  public record Found(int[] indices, double[] distances) {
    public Found {
      indices = indices.clone();
      distances = distances.clone();
    }

    @Override public int[] indices() { return indices.clone(); }

    @Override public double[] distances() { return distances.clone(); }
  }

  private NearestNeighbours() {}

  /** For each row of {@code samples}, the index of the nearest row of {@code train}. */
  public static int[] indices(INDArray samples, INDArray train) { return find(samples, train).indices; }

  /** The nearest training rows themselves, in the order of {@code samples}. */
  public static INDArray of(INDArray samples, INDArray train) {
    return train.getRows(indices(samples, train));
  }

  /**
   * For each row of {@code samples}, the nearest row of {@code train} and its distance. The
   * samples go in chunks, so 10,000 samples against 50,000 digits never hold all 500 M distances.
   */
  public static Found find(INDArray samples, INDArray train) {
    if (samples.rank() != 2 || train.rank() != 2 || train.rows() < 1) {
      throw new IllegalArgumentException("samples and training set must be rows [n, d], got " + Arrays.toString(samples.shape())
          + " and " + Arrays.toString(train.shape()));
    }
    if (samples.columns() != train.columns()) {
      throw new IllegalArgumentException("samples have " + samples.columns() + " columns, the training set " + train.columns());
    }
    DataType type = train.dataType();
    INDArray s = samples.castTo(type);
    int n = (int) s.rows();
    int chunk = (int) Math.max(1, CHUNK_ELEMENTS / train.rows());
    // |s - t_j|^2 = |s|^2 + |t_j|^2 - 2 s.t_j; the argmin over j needs only |t_j|^2 - 2 s.t_j.
    INDArray trainNorms = train.mul(train).sum(1).reshape(1, train.rows());
    double[] sampleNorms = s.mul(s).sum(1).toDoubleVector();
    int[] indices = new int[n];
    double[] distances = new double[n];
    for (int start = 0; start < n; start += chunk) {
      int end = Math.min(n, start + chunk);
      INDArray block = s.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
      INDArray scores = Nd4j.createUninitialized(type, end - start, train.rows());
      Nd4j.gemm(block, train, scores, false, true, -2.0, 0.0);
      scores.addiRowVector(trainNorms);
      long[] nearest = Nd4j.argMin(scores, 1).toLongVector();
      double[] least = scores.min(1).toDoubleVector();
      for (int i = 0; i < nearest.length; i++) {
        indices[start + i] = Math.toIntExact(nearest[i]);
        // Rounding can leave a sample's squared distance to its own copy slightly below zero.
        distances[start + i] = Math.sqrt(Math.max(0, least[i] + sampleNorms[start + i]));
      }
    }
    return new Found(indices, distances);
  }
}
