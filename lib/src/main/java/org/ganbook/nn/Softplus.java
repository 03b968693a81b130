package org.ganbook.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** log(1 + exp(x)), computed without overflow; its derivative is the sigmoid. */
public final class Softplus extends Elementwise {
  /**
   * softplus(x) = max(x, 0) + log(1 + exp(-|x|)): the exponent is never positive, so nothing
   * overflows, and for large |x| the result is exact to the precision of x. Every log D(.) in the
   * value function is a softplus of a logit, so the losses call this too.
   */
  public static INDArray softplus(INDArray x) {
    INDArray tail = Transforms.log1p(Transforms.exp(Transforms.abs(x, true).negi(), false), false);
    return Transforms.relu(x, true).addi(tail);
  }

  @Override INDArray apply(INDArray x) { return softplus(x); }

  @Override INDArray derivative(INDArray x, INDArray y) { return Transforms.sigmoid(x, true); }
}
