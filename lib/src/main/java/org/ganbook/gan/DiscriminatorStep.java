package org.ganbook.gan;

import java.util.Arrays;
import org.ganbook.loops.Loops;
import org.ganbook.loss.DiscriminatorCost;
import org.ganbook.loss.Loss;
import org.ganbook.loss.LossLoops;
import org.ganbook.nn.Mode;
import org.ganbook.nn.Sequential;
import org.ganbook.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One step of D on m real and m generated examples, the inner step of Algorithm 1: one forward
 * pass over both stacked (real rows first), D's cost on the 2m logits, then backpropagation and
 * the optimizer's step. The classifier two-sample test trains its classifier with the same step.
 *
 * <p>{@link #forward} and {@link #update} are the two halves, for a caller that looks at the cost
 * (or sends G's gradient back through D, as the paper's code does) before D changes;
 * {@link #take} is both.
 */
public record DiscriminatorStep(Sequential discriminator, INDArray logits, Loss cost, int m) {

  /** D's forward pass on {@code real} [m, d] over {@code generated} [m, d], and its cost; D is not yet changed. */
  public static DiscriminatorStep forward(Sequential discriminator, INDArray real, INDArray generated, DiscriminatorCost cost) {
    if (real.rank() != 2 || generated.rank() != 2 || real.rows() != generated.rows() || real.columns() != generated.columns()) {
      throw new IllegalArgumentException("D's step needs m real and m generated examples of one shape, got real "
          + Arrays.toString(real.shape()) + " and generated " + Arrays.toString(generated.shape()));
    }
    int m = (int) real.rows();
    INDArray logits = discriminator.forward(Loops.stackRows(real, generated), Mode.TRAIN);
    return new DiscriminatorStep(discriminator, logits, cost.of(logits, m), m);
  }

  /** A whole step: {@link #forward}, then {@link #update}. */
  public static DiscriminatorStep take(Sequential discriminator, INDArray real, INDArray generated,
                                       DiscriminatorCost cost, Optimizer optimizer) {
    var step = forward(discriminator, real, generated, cost);
    step.update(optimizer);
    return step;
  }

  /** Backpropagates the cost through D and lets {@code optimizer} step D's parameters. */
  public void update(Optimizer optimizer) {
    discriminator.backward(cost.gradient());
    optimizer.step(discriminator.parameters());
  }

  /** The mean of D(x) over the real rows and of D(G(z)) over the generated rows, as forward saw them. */
  public double[] meanD() {
    if (Loops.available(logits)) return LossLoops.meanSigmoids(logits, m);
    INDArray d = Transforms.sigmoid(logits, true);
    return new double[] {
        d.get(NDArrayIndex.interval(0, m)).meanNumber().doubleValue(),
        d.get(NDArrayIndex.interval(m, 2 * m)).meanNumber().doubleValue()};
  }
}
