package org.ganbook.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable tensor and the gradient of the loss with respect to it. The gradient buffer is
 * allocated once and overwritten by every backward pass (one backward per optimizer step).
 */
public final class Parameter {
  private String name;
  private final INDArray value;
  private final INDArray gradient;

  public Parameter(String name, INDArray value) {
    this.name = name;
    this.value = value;
    this.gradient = Nd4j.zeros(value.dataType(), value.shape());
  }

  public String name() { return name; }

  void rename(String name) { this.name = name; }
  public INDArray value() { return value; }
  public INDArray gradient() { return gradient; }

  @Override public String toString() { return name + java.util.Arrays.toString(value.shape()); }
}
