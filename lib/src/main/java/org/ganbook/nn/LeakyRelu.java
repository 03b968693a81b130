package org.ganbook.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** x for x > 0, alpha x otherwise: keeps a gradient flowing where a ReLU would be silent. */
public final class LeakyRelu extends Elementwise {
  private final double alpha;

  public LeakyRelu(double alpha) {
    if (!(alpha >= 0 && alpha < 1)) throw new IllegalArgumentException("LeakyRelu needs 0 <= alpha < 1, got " + alpha);
    this.alpha = alpha;
  }

  @Override INDArray apply(INDArray x) { return Transforms.leakyRelu(x, alpha, true); }

  @Override INDArray derivative(INDArray x, INDArray y) {
    return x.gt(0).castTo(x.dataType()).muli(1 - alpha).addi(alpha);
  }
}
