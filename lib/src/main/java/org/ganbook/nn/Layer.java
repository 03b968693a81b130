package org.ganbook.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One stage of a network with a hand-written backward pass.
 *
 * <p>Backpropagation is written by hand rather than with SameDiff because it measured faster and
 * used far less memory on the paper's MNIST networks (the figures are in bench/README.md, "Design
 * decision", and the result files beside it): a hand-written pass can skip the gradients nobody needs (D's weights during the generator step,
 * the gradient with respect to z) and run each GEMM into the parameter's own gradient buffer.
 */
public interface Layer {
  /** Computes the output for a minibatch (rows are examples) and remembers what backward needs. */
  INDArray forward(INDArray x, Mode mode);

  /**
   * Given dLoss/dOutput for the last forward, stores dLoss/dParameter in each parameter's
   * gradient when {@code parameterGradients}, and returns dLoss/dInput when {@code inputGradient}
   * (otherwise null).
   */
  INDArray backward(INDArray gradOutput, boolean parameterGradients, boolean inputGradient);

  default List<Parameter> parameters() { return List.of(); }

  /** Called by {@link Sequential} so that error messages name the layer, e.g. "D.h0". */
  default void setName(String name) {}
}
