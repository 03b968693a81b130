package org.ganbook.eval;

import java.util.function.Supplier;
import org.ganbook.data.RandomState;
import org.ganbook.gan.DiscriminatorStep;
import org.ganbook.loss.DiscriminatorCost;
import org.ganbook.nn.Sequential;
import org.ganbook.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The classifier two-sample test (Lopez-Paz and Oquab, 2017): train a classifier to tell sample P
 * from sample Q on one half of each, and measure its accuracy on the other half. If P and Q come
 * from the same distribution no classifier beats 1/2 on held-out data except by chance, and under
 * that null hypothesis the accuracy on n held-out examples is about normal with mean 1/2 and
 * standard deviation 1/(2 sqrt n). A GAN's D is this classifier trained against a moving G; here it
 * is trained afresh, to convergence, against a frozen one.
 */
public final class TwoSampleTest {
  private TwoSampleTest() {}

  /**
   * Held-out accuracy of the classifier, its standard error, the size n of the held-out set, and
   * the one-sided p-value of "accuracy > 1/2" under the null hypothesis; {@code curve} holds the
   * held-out accuracy after each of {@code evaluations} equal stretches of training.
   */
  public record Result(double accuracy, double standardError, int heldOut, double pValue, double[] curve) {}

  /**
   * Trains {@code classifier.get()} (a network that outputs one logit, as D does) for {@code steps}
   * minibatch steps of m examples of each sample, on the first half of each (features standardised
   * with the training halves' mean and standard deviation), with D's step of Algorithm 1
   * ({@link DiscriminatorStep}, on -V with P as the real examples), and tests on the second halves.
   * The classifier's initial weights and the minibatches are drawn as right after seeding ND4J's
   * generator with {@code seed}, on a generator state of its own: the caller's is left where it was.
   */
  public static Result run(INDArray p, INDArray q, Supplier<Sequential> classifier, Optimizer optimizer,
                           int steps, int m, int evaluations, long seed) {
    if (p.rows() != q.rows() || p.rows() < 4) {
      throw new IllegalArgumentException("need two samples of equal size >= 4, got " + p.rows() + " and " + q.rows());
    }
    if (steps < 1 || m < 1 || evaluations < 1) throw new IllegalArgumentException("steps, m and evaluations must be >= 1");
    return RandomState.seeded(seed).use(() -> trainAndTest(p, q, classifier, optimizer, steps, m, evaluations));
  }

  private static Result trainAndTest(INDArray p, INDArray q, Supplier<Sequential> classifier, Optimizer optimizer,
                                     int steps, int m, int evaluations) {
    int half = (int) p.rows() / 2;
    INDArray pTrain = rows(p, 0, half), qTrain = rows(q, 0, half);
    INDArray pTest = rows(p, half, 2 * half), qTest = rows(q, half, 2 * half);
    // Standardise every feature with the pooled training halves' mean and deviation: a small
    // network learns a boundary at x = 4.9 far faster on (x - 4) / 0.5 than on x itself.
    INDArray pooled = Nd4j.vstack(pTrain, qTrain);
    INDArray mean = pooled.mean(true, 0);
    INDArray std = pooled.std(true, 0).addi(1e-6);
    for (INDArray x : new INDArray[] {pTrain, qTrain, pTest, qTest}) x.subiRowVector(mean).diviRowVector(std);
    Sequential c = classifier.get();
    double[] curve = new double[evaluations];
    int done = 0;
    for (int e = 0; e < evaluations; e++) {
      int until = (int) ((long) steps * (e + 1) / evaluations);
      for (; done < until; done++) {
        DiscriminatorStep.take(c, pTrain.getRows(draw(half, m)), qTrain.getRows(draw(half, m)), DiscriminatorCost.MINUS_V, optimizer);
      }
      curve[e] = accuracy(c, pTest, qTest);
    }
    double accuracy = curve[evaluations - 1];
    int n = 2 * half;
    double se = Math.sqrt(accuracy * (1 - accuracy) / n);
    double z = (accuracy - 0.5) * 2 * Math.sqrt(n);
    return new Result(accuracy, se, n, 0.5 * erfc(z / Math.sqrt(2)), curve);
  }

  /** Fraction of P classified as P (logit > 0) and of Q as Q, over both. */
  static double accuracy(Sequential c, INDArray p, INDArray q) {
    double truePositive = c.apply(p).gt(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber().doubleValue();
    double trueNegative = c.apply(q).lte(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sumNumber().doubleValue();
    return (truePositive + trueNegative) / (p.rows() + q.rows());
  }

  private static INDArray rows(INDArray x, int from, int to) {
    return x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
  }

  private static int[] draw(int n, int m) {
    int[] rows = new int[m];
    for (int i = 0; i < m; i++) rows[i] = Nd4j.getRandom().nextInt(n);
    return rows;
  }

  /** Complementary error function (Numerical Recipes' erfcc, relative error below 1.2e-7). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
