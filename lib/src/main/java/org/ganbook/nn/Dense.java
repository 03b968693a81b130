package org.ganbook.nn;

import java.util.List;
import org.ganbook.loops.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A fully connected layer y = x W + b, with x of shape [m, in] and W of shape [in, out]. */
public final class Dense implements Layer {
  private final Parameter weights;
  private final Parameter bias;
  private String name;
  private INDArray input;

  public Dense(long in, long out, Init init) {
    this("dense", in, out, init);
  }

  Dense(String name, long in, long out, Init init) {
    if (in < 1 || out < 1) throw new IllegalArgumentException("Dense needs in, out >= 1, got " + in + ", " + out);
    this.name = name;
    this.weights = new Parameter(name + ".W", init.weights(in, out));
    this.bias = new Parameter(name + ".b", Nd4j.zeros(weights.value().dataType(), 1, out));
  }

  public long in() { return weights.value().rows(); }
  public long out() { return weights.value().columns(); }
  public Parameter weights() { return weights; }
  public Parameter bias() { return bias; }

  @Override public INDArray forward(INDArray x, Mode mode) {
    Shapes.requireColumns(toString(), x, in());
    input = x;
    // A GEMM into a preallocated result: INDArray.mmul measured much slower on these shapes (bench/README.md).
    INDArray y = Nd4j.createUninitialized(x.dataType(), x.rows(), out());
    Gemm.multiply(x, weights.value(), y, false, false, 1.0, 0.0);
    return RowPasses.available(y) ? RowPasses.scaleShift(y, null, bias.value(), y) : y.addiRowVector(bias.value());
  }

  @Override public INDArray backward(INDArray dy, boolean parameterGradients, boolean inputGradient) {
    if (parameterGradients) {
      Gemm.multiply(input, dy, weights.gradient(), true, false, 1.0, 0.0);
      if (RowPasses.available(dy)) RowPasses.columnSums(dy, bias.gradient());
      else dy.sum(bias.gradient().reshape(out()), 0);
    }
    if (!inputGradient) return null;
    INDArray dx = Nd4j.createUninitialized(dy.dataType(), dy.rows(), in());
    return Gemm.multiply(dy, weights.value(), dx, false, true, 1.0, 0.0);
  }

  @Override public List<Parameter> parameters() { return List.of(weights, bias); }

  @Override public void setName(String name) {
    this.name = name;
    weights.rename(name + ".W");
    bias.rename(name + ".b");
  }

  @Override public String toString() { return name + " Dense " + in() + " -> " + out(); }
}
