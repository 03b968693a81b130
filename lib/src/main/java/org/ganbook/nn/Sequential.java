package org.ganbook.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Layers applied one after another: the multilayer perceptrons G and D of the paper. */
public final class Sequential implements Layer {
  private final String name;
  private final List<Layer> layers;
  private final List<Parameter> parameters = new ArrayList<>();

  public Sequential(String name, Layer... layers) {
    if (layers.length == 0) throw new IllegalArgumentException(name + " needs at least one layer");
    this.name = name;
    this.layers = List.of(layers);
    for (int i = 0; i < layers.length; i++) {
      layers[i].setName(name + "." + i);
      parameters.addAll(layers[i].parameters());
    }
  }

  public String name() { return name; }
  public List<Layer> layers() { return layers; }

  @Override public List<Parameter> parameters() { return Collections.unmodifiableList(parameters); }

  public long parameterCount() {
    return parameters.stream().mapToLong(p -> p.value().length()).sum();
  }

  @Override public INDArray forward(INDArray x, Mode mode) {
    for (Layer layer : layers) x = layer.forward(x, mode);
    return x;
  }

  /** The network as a function, without training behaviour (no dropout or noise). */
  public INDArray apply(INDArray x) { return forward(x, Mode.EVAL); }

  /**
   * Backward through the layers from the top. Without an input gradient, backward stops at the
   * first layer that has parameters: below it (dropout or noise on the input) nothing needs a
   * gradient, and that layer skips the product that would give one (for D's first layer, a GEMM as
   * large as its weight gradient's).
   */
  @Override public INDArray backward(INDArray dy, boolean parameterGradients, boolean inputGradient) {
    int lowest = lowestBackward(parameterGradients, inputGradient);
    for (int i = layers.size() - 1; i >= lowest; i--) {
      dy = layers.get(i).backward(dy, parameterGradients, i > lowest || inputGradient);
    }
    return inputGradient ? dy : null;
  }

  /** The lowest layer that {@link #backward} calls; it is asked for its input gradient only if that is wanted. */
  public int lowestBackward(boolean parameterGradients, boolean inputGradient) {
    return inputGradient ? 0 : parameterGradients ? firstWithParameters() : layers.size();
  }

  private int firstWithParameters() {
    for (int i = 0; i < layers.size(); i++) if (!layers.get(i).parameters().isEmpty()) return i;
    return layers.size();
  }

  /** Gradients of every parameter, for this network's own update. */
  public void backward(INDArray dy) { backward(dy, true, false); }

  /** The gradient with respect to the input only: how G's step sees through D, leaving D's gradients alone. */
  public INDArray backwardToInput(INDArray dy) { return backward(dy, false, true); }

  /**
   * The L2 norm of all parameter gradients together, for the training history. Each parameter's
   * sum of squares is a BLAS dot product of its gradient with itself: faster than ND4J's float
   * norm2 on the paper's networks (bench/README.md has the measurement), and closer to the norm
   * computed in double precision.
   */
  public double gradientNorm() {
    double sum = 0;
    for (Parameter p : parameters) {
      INDArray g = p.gradient();
      sum += Nd4j.getBlasWrapper().level1().dot(g.length(), 1.0, g, g);
    }
    return Math.sqrt(sum);
  }

  @Override public String toString() {
    var s = new StringBuilder(name).append(" (").append(parameterCount()).append(" parameters)");
    for (Layer layer : layers) s.append("\n  ").append(layer);
    return s.toString();
  }
}
