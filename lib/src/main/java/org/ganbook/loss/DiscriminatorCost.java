package org.ganbook.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The cost D descends, on the logits of m real then m generated examples. Both have D*_G as their
 * minimiser; they differ by a factor of 2, which is the size of D's steps under the same learning
 * rate.
 */
public enum DiscriminatorCost {
  /** -V(D, G), Algorithm 1 as printed: the two expectations each averaged over its m rows, summed. */
  MINUS_V(1.0),
  /**
   * The paper's code (goodfeli/adversarial, AdversaryCost2): 0.5 (cost(real) + cost(fake)), each
   * pylearn2's mean cross-entropy, which is the binary cross-entropy averaged over all 2m rows,
   * -V / 2. With the same learning rate D takes half the step of {@link #MINUS_V}.
   */
  MEAN_CROSS_ENTROPY(0.5);

  private final double scale;

  DiscriminatorCost(double scale) { this.scale = scale; }

  /** This cost as a multiple of -V. */
  public double scale() { return scale; }

  /** The cost and its gradient with respect to all 2m logits. */
  public Loss of(INDArray logits, int m) {
    Loss minusV = ValueFunction.discriminatorLoss(logits, m);
    return scale == 1.0 ? minusV : new Loss(scale * minusV.value(), minusV.gradient().muli(scale));
  }
}
