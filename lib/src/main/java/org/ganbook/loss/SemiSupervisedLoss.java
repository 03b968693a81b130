package org.ganbook.loss;

import org.ganbook.loops.Loops;
import org.ganbook.nn.Softplus;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The K+1-class discriminator of Salimans et al. (2016), section 5: D outputs K logits l_k for the
 * real classes and the logit of "generated" is fixed at 0, so with Z(x) = sum_k exp(l_k(x)),
 * D(x) = Z / (Z + 1). In terms of lse = log Z, everything is a log-sum-exp or a softplus:
 * log D(x) = lse - softplus(lse) and log(1 - D(x)) = -softplus(lse).
 */
public final class SemiSupervisedLoss {
  private SemiSupervisedLoss() {}

  /** Cross-entropy of labelled examples over the K real classes: -log softmax(l)_y, averaged. */
  public static Loss supervised(INDArray logits, int[] labels) {
    if (labels.length != logits.rows()) {
      throw new IllegalArgumentException(labels.length + " labels for " + logits.rows() + " rows of logits");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= logits.columns()) {
        throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is not one of the " + logits.columns() + " classes");
      }
    }
    if (Loops.available(logits)) return LossLoops.supervised(logits, labels);
    INDArray oneHot = Nd4j.zeros(logits.dataType(), logits.shape());
    for (int i = 0; i < labels.length; i++) oneHot.putScalar(i, labels[i], 1.0);
    INDArray lse = logSumExp(logits);
    double value = lse.sumNumber().doubleValue() / labels.length
        - logits.mul(oneHot).sumNumber().doubleValue() / labels.length;
    INDArray gradient = softmax(logits, lse).subi(oneHot).divi(labels.length);
    return new Loss(value, gradient);
  }

  /**
   * The unsupervised GAN loss of D, -E[log D(x)] - E[log(1 - D(G(z)))], from the logits of m real
   * (unlabelled) and n generated examples. The gradient comes back in two parts, real then fake.
   */
  public static Pair unsupervised(INDArray realLogits, INDArray fakeLogits) {
    if (Loops.available(realLogits) && Loops.available(fakeLogits)) return LossLoops.unsupervised(realLogits, fakeLogits);
    INDArray lseReal = logSumExp(realLogits);
    INDArray lseFake = logSumExp(fakeLogits);
    long m = realLogits.rows(), n = fakeLogits.rows();
    double value = Softplus.softplus(lseReal).subi(lseReal).sumNumber().doubleValue() / m
        + Softplus.softplus(lseFake).sumNumber().doubleValue() / n;
    // d/dl softplus(lse) = sigmoid(lse) softmax(l); d/dl lse = softmax(l).
    INDArray realScale = Transforms.sigmoid(lseReal, true).subi(1.0).divi(m);
    INDArray fakeScale = Transforms.sigmoid(lseFake, true).divi(n);
    return new Pair(value,
        softmax(realLogits, lseReal).muliColumnVector(realScale),
        softmax(fakeLogits, lseFake).muliColumnVector(fakeScale));
  }

  /** A loss over two minibatches and its gradient with respect to each one's logits. */
  public record Pair(double value, INDArray realGradient, INDArray fakeGradient) {}

  /** D(x) = Z / (Z + 1) = sigmoid(log Z) for each row. */
  public static INDArray probabilityReal(INDArray logits) { return Transforms.sigmoid(logSumExp(logits), false); }

  /** log sum_k exp(l_k) per row, shifted by the row maximum so nothing overflows; shape [rows, 1]. */
  public static INDArray logSumExp(INDArray logits) {
    INDArray max = logits.max(1).reshape(logits.rows(), 1);
    INDArray sum = Transforms.exp(logits.subColumnVector(max), false).sum(1).reshape(logits.rows(), 1);
    return Transforms.log(sum, false).addi(max);
  }

  private static INDArray softmax(INDArray logits, INDArray lse) {
    return Transforms.exp(logits.subColumnVector(lse), false);
  }
}
