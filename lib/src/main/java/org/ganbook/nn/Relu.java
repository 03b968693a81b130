package org.ganbook.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** max(0, x): the paper's generator hidden units. */
public final class Relu extends Elementwise {
  @Override INDArray apply(INDArray x) { return Transforms.relu(x, true); }

  @Override INDArray derivative(INDArray x, INDArray y) { return y.gt(0).castTo(y.dataType()); }
}
