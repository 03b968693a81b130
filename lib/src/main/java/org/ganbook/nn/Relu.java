package org.ganbook.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** max(0, x): the paper's generator hidden units. */
public final class Relu extends Elementwise {
  @Override INDArray apply(INDArray x) { return Transforms.relu(x, true); }

  @Override INDArray derivative(INDArray x, INDArray y) { return y.gt(0).castTo(y.dataType()); }

  /** dy where y > 0, else 0: a step mask and a product, two simple passes (see bench/README.md for the alternatives measured). */
  @Override INDArray inputGradient(INDArray x, INDArray y, INDArray dy) {
    INDArray dx = Nd4j.createUninitialized(dy.dataType(), dy.shape());
    Nd4j.exec(new Step(y, dx));
    return dx.muli(dy);
  }
}
