package org.ganbook.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** An activation applied to each element: backward multiplies by its derivative. */
abstract class Elementwise implements Layer {
  private String name = "";
  private INDArray x;
  private INDArray y;

  abstract INDArray apply(INDArray x);

  /** f'(x), given x and y = f(x) (whichever is cheaper); returns a new array. */
  abstract INDArray derivative(INDArray x, INDArray y);

  /** dLoss/dx = f'(x) dy; a layer overrides it where one fused op does the same work. */
  INDArray inputGradient(INDArray x, INDArray y, INDArray dy) { return derivative(x, y).muli(dy); }

  @Override public final INDArray forward(INDArray x, Mode mode) {
    this.x = x;
    return y = apply(x);
  }

  @Override public final INDArray backward(INDArray dy, boolean parameterGradients, boolean inputGradient) {
    Shapes.requireSame(toString(), y, dy, "the output gradient");
    return inputGradient ? inputGradient(x, y, dy) : null;
  }

  @Override public void setName(String name) { this.name = name; }

  @Override public String toString() { return (name + " " + getClass().getSimpleName()).trim(); }
}
