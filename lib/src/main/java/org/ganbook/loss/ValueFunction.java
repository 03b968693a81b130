package org.ganbook.loss;

import org.ganbook.nn.Softplus;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The value function of the minimax game (Goodfellow et al., 2014, eq. 1),
 * V(D, G) = E_{x~p_data}[log D(x)] + E_{z~p_z}[log(1 - D(G(z)))], estimated on minibatches from
 * D's logits a, with D = sigmoid(a): log D = -softplus(-a) and log(1 - D) = -softplus(a).
 */
public final class ValueFunction {
  private ValueFunction() {}

  /** The minibatch estimate of V(D, G) from D's logits on m real and m generated examples. */
  public static double estimate(INDArray realLogits, INDArray fakeLogits) {
    // Averaged in double: a float32 mean of a million terms drifts by about 1e-4, more than a
    // Monte Carlo standard error at that size.
    return -(Softplus.softplus(realLogits.neg()).castTo(DataType.DOUBLE).meanNumber().doubleValue()
        + Softplus.softplus(fakeLogits).castTo(DataType.DOUBLE).meanNumber().doubleValue());
  }

  /**
   * D's loss -V on a minibatch whose first m rows are real and last m generated: the binary
   * cross-entropy with labels 1 then 0. BCE averages over all 2m rows and V over each half, so
   * -V = 2 BCE; the gradient is taken with respect to all 2m logits at once.
   */
  public static Loss discriminatorLoss(INDArray logits, int m) {
    if (logits.rows() != 2L * m) {
      throw new IllegalArgumentException("expected 2m = " + 2 * m + " logits (m real, m generated), got " + logits.rows());
    }
    INDArray labels = Nd4j.zeros(logits.dataType(), logits.shape());
    labels.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, m)).assign(1.0);
    Loss bce = BinaryCrossEntropy.of(logits, labels);
    return new Loss(2 * bce.value(), bce.gradient().muli(2));
  }
}
