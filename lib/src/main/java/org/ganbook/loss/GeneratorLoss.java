package org.ganbook.loss;

import org.ganbook.loops.Loops;
import org.ganbook.nn.Softplus;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * What G minimises, from D's logits a on G(z).
 *
 * <p>The paper's game has G minimise log(1 - D(G(z))), but "early in learning, when G is poor, D can
 * reject samples with high confidence ... log(1 - D(G(z))) saturates. Rather than training G to
 * minimize log(1 - D(G(z))) we can train G to maximize log D(G(z))" (section 3). Both have the same
 * fixed point; their gradients differ by orders of magnitude when D(G(z)) is near 0.
 */
public enum GeneratorLoss {
  /** log(1 - D(G(z))) = -softplus(a): d/da = -sigmoid(a), which vanishes as D(G(z)) -> 0. */
  SATURATING {
    @Override public Loss of(INDArray fakeLogits) {
      if (Loops.available(fakeLogits)) return LossLoops.generator(fakeLogits, false);
      long m = fakeLogits.length();
      double value = -Softplus.softplus(fakeLogits).sumNumber().doubleValue() / m;
      return new Loss(value, Transforms.sigmoid(fakeLogits, true).negi().divi(m));
    }
  },
  /** -log D(G(z)) = softplus(-a): d/da = sigmoid(a) - 1, close to -1 when D(G(z)) -> 0. */
  NON_SATURATING {
    @Override public Loss of(INDArray fakeLogits) {
      if (Loops.available(fakeLogits)) return LossLoops.generator(fakeLogits, true);
      long m = fakeLogits.length();
      double value = Softplus.softplus(fakeLogits.neg()).sumNumber().doubleValue() / m;
      return new Loss(value, Transforms.sigmoid(fakeLogits, true).subi(1.0).divi(m));
    }
  };

  /** The minibatch mean and its gradient with respect to each of D's logits. */
  public abstract Loss of(INDArray fakeLogits);
}
