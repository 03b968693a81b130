package org.ganbook.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** 1 / (1 + exp(-x)): the generator's pixel intensities in (0, 1). */
public final class Sigmoid extends Elementwise {
  @Override INDArray apply(INDArray x) { return Transforms.sigmoid(x, true); }

  @Override INDArray derivative(INDArray x, INDArray y) { return y.rsub(1.0).muli(y); }
}
