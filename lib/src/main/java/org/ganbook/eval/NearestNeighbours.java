package org.ganbook.eval;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training example nearest (in Euclidean distance) to each sample: the paper's Figure 2 puts
 * it beside each sample to show that G has not memorised the training set.
 */
public final class NearestNeighbours {
  private NearestNeighbours() {}

  /** For each row of {@code samples}, the index of the nearest row of {@code train}. */
  public static int[] indices(INDArray samples, INDArray train) {
    if (samples.columns() != train.columns()) {
      throw new IllegalArgumentException("samples have " + samples.columns() + " columns, the training set " + train.columns());
    }
    // argmin_j |s - t_j|^2 = argmin_j (|t_j|^2 - 2 s.t_j): |s|^2 is the same for every j.
    INDArray trainNorms = train.mul(train).sum(1).reshape(1, train.rows());
    INDArray scores = Nd4j.createUninitialized(train.dataType(), samples.rows(), train.rows());
    Nd4j.gemm(samples.castTo(train.dataType()), train, scores, false, true, -2.0, 0.0);
    scores.addiRowVector(trainNorms);
    return Arrays.stream(Nd4j.argMin(scores, 1).toLongVector()).mapToInt(Math::toIntExact).toArray();
  }

  /** The nearest training rows themselves, in the order of {@code samples}. */
  public static INDArray of(INDArray samples, INDArray train) {
    return train.getRows(indices(samples, train));
  }
}
