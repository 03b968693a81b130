package org.ganbook.loss;

import org.ganbook.loops.Loops;
import org.ganbook.nn.Softplus;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary cross-entropy of labels t in {0, 1} under D(x) = sigmoid(a), from the logits a.
 *
 * <p>-t log sigmoid(a) - (1 - t) log(1 - sigmoid(a)) = softplus(a) - t a, which never takes the log
 * of a probability that rounded to 0; its gradient is sigmoid(a) - t.
 */
public final class BinaryCrossEntropy {
  private BinaryCrossEntropy() {}

  /** The mean over the minibatch, and its gradient with respect to each logit. */
  public static Loss of(INDArray logits, INDArray labels) {
    if (!java.util.Arrays.equals(logits.shape(), labels.shape())) {
      throw new IllegalArgumentException("logits " + java.util.Arrays.toString(logits.shape())
          + " and labels " + java.util.Arrays.toString(labels.shape()) + " differ in shape");
    }
    if (Loops.available(logits, labels)) return LossLoops.binaryCrossEntropy(logits, labels);
    long n = logits.length();
    double value = Softplus.softplus(logits).subi(labels.mul(logits)).sumNumber().doubleValue() / n;
    INDArray gradient = Transforms.sigmoid(logits, true).subi(labels).divi(n);
    return new Loss(value, gradient);
  }
}
