package org.ganbook.eval;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Inception Score of Salimans et al. (2016), section 4: a classifier's class probabilities
 * p(y|x) on generated x, and
 *
 * <pre>IS = exp(E_x KL(p(y|x) || p(y))),  p(y) = E_x p(y|x).</pre>
 *
 * Each p(y|x) should be confident (low entropy: the sample looks like one class) and p(y) spread
 * (high entropy: all classes appear); as E_x KL(p(y|x) || p(y)) = H(y) - E_x H(y|x), the score runs
 * from 1 (every row the same distribution) to K (one-hot rows, every class equally often).
 *
 * <p>{@link #of(INDArray, int)} is the paper's code (openai/improved-gan, inception_score/model.py):
 * the rows cut into contiguous splits (rows i n / s to (i + 1) n / s), p(y) taken within each split,
 * and the mean and numpy's standard deviation (ddof = 0) of the splits' scores, as "8.09 ± .07".
 */
public final class InceptionScore {
  /** How far a row's sum may be from 1: float32 softmax rows sum to 1 within about 1e-6. */
  static final double SUM_TOLERANCE = 1e-4;

  private InceptionScore() {}

  /** The score of each split, their mean and their standard deviation (ddof = 0, numpy's np.std). */
  public record Result(double mean, double sd, double[] splitScores) {
    public Result {
      splitScores = splitScores.clone();
    }

    @Override public double[] splitScores() { return splitScores.clone(); }

    @Override public String toString() { return String.format(Locale.ROOT, "%.2f ± %.2f", mean, sd); }
  }

  /** The score of all rows of {@code probabilities} [n, K] together (one split). */
  public static double of(INDArray probabilities) {
    validate(probabilities);
    return score(probabilities.castTo(DataType.DOUBLE));
  }

  /** The paper's protocol: the score on each of {@code splits} contiguous splits (10 in the paper), 1 <= splits <= n. */
  public static Result of(INDArray probabilities, int splits) {
    validate(probabilities);
    long n = probabilities.rows();
    if (splits < 1 || splits > n) {
      throw new IllegalArgumentException("splits must be between 1 and the " + n + " rows, got " + splits);
    }
    INDArray p = probabilities.castTo(DataType.DOUBLE);
    double[] scores = new double[splits];
    for (int i = 0; i < splits; i++) {
      scores[i] = score(p.get(NDArrayIndex.interval(i * n / splits, (i + 1) * n / splits), NDArrayIndex.all()));
    }
    double mean = Arrays.stream(scores).average().orElseThrow();
    double squares = Arrays.stream(scores).map(s -> (s - mean) * (s - mean)).sum();
    return new Result(mean, Math.sqrt(squares / splits), scores);
  }

  /** exp of the mean over rows of KL(p(y|x) || p(y)), p(y) the mean row, for rows in double. */
  private static double score(INDArray p) {
    INDArray marginal = p.mean(0);
    // 0 log 0 = 0: a log clamped at the smallest normal double makes 0 * log(0) a finite 0 * -708.
    // A class with p(y) = 0 has p(y|x) = 0 in every row, so its terms vanish the same way.
    INDArray logP = Transforms.log(Transforms.max(p, Double.MIN_NORMAL, true), false);
    INDArray logMarginal = Transforms.log(Transforms.max(marginal, Double.MIN_NORMAL, false), false);
    double meanKl = logP.subiRowVector(logMarginal).muli(p).sumNumber().doubleValue() / p.rows();
    // The mean KL is >= 0 (Jensen); a value just below 0 is rounding, and exp of it would put the
    // score a hair under its lower bound of 1.
    return Math.exp(Math.max(meanKl, 0));
  }

  /** Rows of probabilities: [n, K] with n >= 1, finite entries >= 0, each row summing to 1. */
  private static void validate(INDArray probabilities) {
    if (probabilities.rank() != 2 || probabilities.rows() < 1 || probabilities.columns() < 1) {
      throw new IllegalArgumentException("class probabilities must be [n, K] with n, K >= 1, got "
          + Arrays.toString(probabilities.shape()));
    }
    INDArray p = probabilities.castTo(DataType.DOUBLE);
    // A NaN or an infinity makes its row's sum NaN or infinite, so the sum check catches it too.
    double[] minima = p.min(1).toDoubleVector();
    double[] sums = p.sum(1).toDoubleVector();
    for (int i = 0; i < sums.length; i++) {
      if (!(minima[i] >= 0)) {
        throw new IllegalArgumentException("row " + i + " of the class probabilities has an entry " + minima[i]
            + ": probabilities must be >= 0");
      }
      if (!(Math.abs(sums[i] - 1) <= SUM_TOLERANCE)) {
        throw new IllegalArgumentException("row " + i + " of the class probabilities sums to " + sums[i]
            + ", not 1 (within " + SUM_TOLERANCE + "): pass softmax outputs, not logits");
      }
    }
  }
}
