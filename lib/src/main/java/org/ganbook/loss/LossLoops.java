package org.ganbook.loss;

import org.ganbook.loops.Loops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The losses computed as Java loops over their logits, in double precision, on the CPU backend.
 * Why: the logits are small (D's [2m, 1] in Algorithm 1, [m, K] with K = 10 in the semi-supervised
 * GAN), so ND4J's ten to thirty ops per loss cost their calls' overhead and nothing else; a loop
 * does the same arithmetic in microseconds (bench/README.md). The tests compare both ways
 * ({@code Loops.ndOnly}).
 */
public final class LossLoops {
  private LossLoops() {}

  /** A row's log-sum-exp, shifted by its maximum so nothing overflows. */
  private static double logSumExp(float[] l, int from, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) max = Math.max(max, l[from + j]);
    double sum = 0;
    for (int j = 0; j < k; j++) sum += Math.exp(l[from + j] - max);
    return max + Math.log(sum);
  }

  /** log(1 + e^x) without overflow. */
  private static double softplus(double x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }

  private static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }

  /** Binary cross-entropy, mean of softplus(a) - t a; gradient (sigmoid(a) - t) / n. */
  static Loss binaryCrossEntropy(INDArray logits, INDArray labels) {
    float[] a = values(logits), t = values(labels), gradient = new float[a.length];
    double total = 0;
    for (int i = 0; i < a.length; i++) {
      total += softplus(a[i]) - (double) t[i] * a[i];
      gradient[i] = (float) ((sigmoid(a[i]) - t[i]) / a.length);
    }
    return new Loss(total / a.length, shaped(gradient, logits));
  }

  /**
   * G's loss from D's logits on G(z): -log D(G(z)) = softplus(-a), gradient (sigmoid(a) - 1) / m
   * ({@code nonSaturating}), or log(1 - D(G(z))) = -softplus(a), gradient -sigmoid(a) / m.
   */
  static Loss generator(INDArray fakeLogits, boolean nonSaturating) {
    float[] a = values(fakeLogits), gradient = new float[a.length];
    double total = 0;
    for (int i = 0; i < a.length; i++) {
      total += nonSaturating ? softplus(-a[i]) : -softplus(a[i]);
      gradient[i] = (float) ((nonSaturating ? sigmoid(a[i]) - 1 : -sigmoid(a[i])) / a.length);
    }
    return new Loss(total / a.length, shaped(gradient, fakeLogits));
  }

  /** The means of sigmoid(a) over elements [0, m) and [m, n) of the logits: mean D(x) and mean D(G(z)). */
  public static double[] meanSigmoids(INDArray logits, int m) {
    float[] a = values(logits);
    double first = 0, second = 0;
    for (int i = 0; i < m; i++) first += sigmoid(a[i]);
    for (int i = m; i < a.length; i++) second += sigmoid(a[i]);
    return new double[] {first / m, second / (a.length - m)};
  }

  /** -log softmax(l)_y averaged over the rows; gradient (softmax(l) - onehot(y)) / m. */
  static Loss supervised(INDArray logits, int[] labels) {
    int m = (int) logits.rows(), k = (int) logits.columns();
    float[] l = values(logits), gradient = new float[l.length];
    double total = 0;
    for (int i = 0; i < m; i++) {
      double lse = logSumExp(l, i * k, k);
      total += lse - l[i * k + labels[i]];
      for (int j = 0; j < k; j++) gradient[i * k + j] = (float) (Math.exp(l[i * k + j] - lse) / m);
      gradient[i * k + labels[i]] -= (float) (1.0 / m);
    }
    return new Loss(total / m, shaped(gradient, logits));
  }

  /**
   * -E log D(x) - E log(1 - D(G(z))) with log D = lse - softplus(lse), log(1 - D) = -softplus(lse);
   * gradients softmax(l) (sigmoid(lse) - 1) / m for the real rows, softmax(l) sigmoid(lse) / n for
   * the generated ones.
   */
  static SemiSupervisedLoss.Pair unsupervised(INDArray realLogits, INDArray fakeLogits) {
    int m = (int) realLogits.rows(), n = (int) fakeLogits.rows(), k = (int) realLogits.columns();
    float[] real = values(realLogits), fake = values(fakeLogits);
    float[] realGradient = new float[real.length], fakeGradient = new float[fake.length];
    double realTotal = 0, fakeTotal = 0;
    for (int i = 0; i < m; i++) {
      double lse = logSumExp(real, i * k, k);
      realTotal += softplus(lse) - lse;
      double scale = (sigmoid(lse) - 1) / m;
      for (int j = 0; j < k; j++) realGradient[i * k + j] = (float) (Math.exp(real[i * k + j] - lse) * scale);
    }
    for (int i = 0; i < n; i++) {
      double lse = logSumExp(fake, i * k, k);
      fakeTotal += softplus(lse);
      double scale = sigmoid(lse) / n;
      for (int j = 0; j < k; j++) fakeGradient[i * k + j] = (float) (Math.exp(fake[i * k + j] - lse) * scale);
    }
    return new SemiSupervisedLoss.Pair(realTotal / m + fakeTotal / n, shaped(realGradient, realLogits), shaped(fakeGradient, fakeLogits));
  }

  /** The elements of a contiguous float array, in a Java array. */
  private static float[] values(INDArray a) {
    float[] v = new float[(int) a.length()];
    Loops.floats(a).get(0, v);
    return v;
  }

  /** v as an array of like's shape and type. */
  private static INDArray shaped(float[] v, INDArray like) {
    return Nd4j.createFromArray(v).reshape(like.shape()).castTo(like.dataType());
  }
}
