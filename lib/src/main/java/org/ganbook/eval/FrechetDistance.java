package org.ganbook.eval;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Fréchet distance of Heusel et al. (2017), "FID" when the features are Inception's: fit a
 * Gaussian to each set of feature rows, N(mu_1, C_1) and N(mu_2, C_2), and take the Fréchet
 * (2-Wasserstein) distance between the two Gaussians (Dowson and Landau, 1982), the paper's
 * definition of FID:
 *
 * <pre>d^2 = |mu_1 - mu_2|^2 + Tr(C_1 + C_2 - 2 (C_1 C_2)^(1/2)).</pre>
 *
 * It is 0 only when both sets have the same mean and covariance. The features are a classifier's
 * penultimate layer (Inception's pool3 in the paper; an MNIST classifier's here).
 *
 * <p>Everything is in double: the trace term is a difference of numbers of the size of Tr C, and
 * float's 7 digits would leave an error larger than the distance between two good models.
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /**
   * The Gaussian fitted to a set of n feature rows: the mean [d] and the covariance [d, d] with
   * n - 1 in the denominator (numpy's {@code np.cov}, as the paper's TTUR code computes it). A set
   * scored many times (the real test digits against every model) is summarised once.
   */
  public record Statistics(INDArray mean, INDArray covariance, long n) {
    public Statistics {
      if (mean.rank() != 1 || covariance.rank() != 2 || covariance.rows() != mean.length()
          || covariance.columns() != mean.length()) {
        throw new IllegalArgumentException("a mean [d] and a covariance [d, d], got " + Arrays.toString(mean.shape())
            + " and " + Arrays.toString(covariance.shape()));
      }
      mean = mean.castTo(DataType.DOUBLE).dup();
      covariance = covariance.castTo(DataType.DOUBLE).dup();
    }

    /** The mean and covariance of {@code features} [n, d], n >= 2, computed in double. */
    public static Statistics of(INDArray features) {
      if (features.rank() != 2) {
        throw new IllegalArgumentException("features must be [n, d], got " + Arrays.toString(features.shape()));
      }
      if (features.rows() < 2) {
        throw new IllegalArgumentException("a covariance needs at least 2 rows, got " + features.rows()
            + " of " + Arrays.toString(features.shape()));
      }
      INDArray x = features.castTo(DataType.DOUBLE);
      INDArray mean = x.mean(0);
      // A NaN or an infinity anywhere in a column makes that column's mean NaN or infinite: one
      // check over d values instead of n * d.
      double[] m = mean.toDoubleVector();
      for (int j = 0; j < m.length; j++) {
        if (!Double.isFinite(m[j])) {
          throw new IllegalArgumentException("features contain NaN or infinite values (column " + j + " of "
              + Arrays.toString(features.shape()) + ")");
        }
      }
      INDArray centred = x.subRowVector(mean);
      long n = x.rows();
      INDArray covariance = Nd4j.gemm(centred, centred, true, false).divi(n - 1);
      return new Statistics(mean, covariance, n);
    }

    public long dimension() { return mean.length(); }

    @Override public INDArray mean() { return mean.dup(); }

    @Override public INDArray covariance() { return covariance.dup(); }
  }

  /** The distance between two sets of feature rows of the same width. */
  public static double between(INDArray a, INDArray b) {
    if (a.rank() != 2 || b.rank() != 2 || a.columns() != b.columns()) {
      throw new IllegalArgumentException("the two sets must be [n, d] of the same width d, got "
          + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
    }
    return between(Statistics.of(a), Statistics.of(b));
  }

  /** The distance between two fitted Gaussians, the formula above. */
  public static double between(Statistics a, Statistics b) {
    if (a.dimension() != b.dimension()) {
      throw new IllegalArgumentException("statistics of different widths: " + a.dimension() + " and " + b.dimension());
    }
    INDArray diff = a.mean.sub(b.mean);
    double meanTerm = diff.mul(diff).sumNumber().doubleValue();
    double traces = trace(a.covariance) + trace(b.covariance);
    return meanTerm + traces - 2 * traceOfSqrtProduct(a.covariance, b.covariance);
  }

  /**
   * Tr (C_1 C_2)^(1/2) for symmetric positive semi-definite C_1, C_2. C_1 C_2 is not symmetric,
   * and the general square root the paper's code takes (scipy's sqrtm) can return a complex result
   * or blow up when C_1 C_2 is near singular, as covariances of few samples or of dead units are.
   * With S = C_1^(1/2), C_1 C_2 = S (S C_2) has the eigenvalues of (S C_2) S = S C_2 S, which is
   * symmetric positive semi-definite: its eigenvalues are real and >= 0, a symmetric solver
   * (LAPACK's dsyev through ND4J, O(d^3) in native code, also at Inception's d = 2048) finds them
   * stably, and the trace of the root is the sum of their square roots.
   */
  static double traceOfSqrtProduct(INDArray c1, INDArray c2) {
    INDArray s = symmetricSqrt(c1);
    INDArray m = s.mmul(c2).mmul(s);
    // Symmetrise away the rounding of the two products, so the solver sees an exactly symmetric matrix.
    m = m.add(m.transpose()).muli(0.5);
    return roots(Eigen.symmetricGeneralizedEigenvalues(m, false)).sumNumber().doubleValue();
  }

  /** C^(1/2) = V diag(sqrt(max(lambda, 0))) V^T from C's eigen-decomposition C = V diag(lambda) V^T. */
  static INDArray symmetricSqrt(INDArray c) {
    INDArray vectors = c.dup('f');
    // With calculateVectors the solver overwrites its argument with the eigenvectors (one per column).
    INDArray eigenvalues = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
    return vectors.mulRowVector(roots(eigenvalues)).mmul(vectors.transpose());
  }

  /**
   * sqrt(lambda) of a PSD matrix's computed eigenvalues, those within the solver's rounding of 0
   * (|lambda| <= d eps lambda_max) taken as 0. The square root magnifies that rounding: an
   * eigenvalue of 1e-16 that should be 0 has root 1e-8, which would leave FD(x, x) at 1e-7 when
   * features have dead or duplicated units, as ReLU layers do.
   */
  private static INDArray roots(INDArray eigenvalues) {
    double largest = Math.max(eigenvalues.maxNumber().doubleValue(), 0);
    double noise = eigenvalues.length() * Math.ulp(1.0) * largest;
    INDArray kept = eigenvalues.mul(eigenvalues.gt(noise).castTo(DataType.DOUBLE));
    return Transforms.sqrt(kept, false);
  }

  private static double trace(INDArray c) {
    return Nd4j.diag(c).sumNumber().doubleValue();
  }
}
