package org.ganbook.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** tanh(x), with derivative 1 - tanh(x)^2. */
public final class Tanh extends Elementwise {
  @Override INDArray apply(INDArray x) { return Transforms.tanh(x, true); }

  @Override INDArray derivative(INDArray x, INDArray y) { return y.mul(y).rsubi(1.0); }
}
