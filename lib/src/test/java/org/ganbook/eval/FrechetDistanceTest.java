package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FrechetDistanceTest {
  static FrechetDistance.Statistics gaussian(double[] mean, double[][] covariance) {
    return new FrechetDistance.Statistics(Nd4j.createFromArray(mean), Nd4j.createFromArray(covariance), 1000);
  }

  static double[][] diagonal(double... v) {
    double[][] m = new double[v.length][v.length];
    for (int i = 0; i < v.length; i++) m[i][i] = v[i];
    return m;
  }

  static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length, p = b[0].length;
    double[][] c = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        for (int l = 0; l < b.length; l++) c[i][j] += a[i][l] * b[l][j];
      }
    }
    return c;
  }

  static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) t[j][i] = a[i][j];
    }
    return t;
  }

  /** B B^T + 0.1 I for a standard normal B: symmetric positive definite. */
  static double[][] randomCovariance(int d, Random random) {
    double[][] b = new double[d][d];
    for (double[] row : b) {
      for (int j = 0; j < d; j++) row[j] = random.nextGaussian();
    }
    double[][] c = multiply(b, transpose(b));
    for (int i = 0; i < d; i++) c[i][i] += 0.1;
    return c;
  }

  /** An orthogonal matrix: Gram-Schmidt on the columns of a standard normal matrix. */
  static double[][] rotation(int d, Random random) {
    double[][] q = new double[d][d];
    for (int j = 0; j < d; j++) {
      double[] v = new double[d];
      for (int i = 0; i < d; i++) v[i] = random.nextGaussian();
      for (int p = 0; p < j; p++) {
        double dot = 0;
        for (int i = 0; i < d; i++) dot += v[i] * q[i][p];
        for (int i = 0; i < d; i++) v[i] -= dot * q[i][p];
      }
      double norm = 0;
      for (double x : v) norm += x * x;
      for (int i = 0; i < d; i++) q[i][j] = v[i] / Math.sqrt(norm);
    }
    return q;
  }

  static double[][] inverse(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
      double[] t = m[c]; m[c] = m[pivot]; m[pivot] = t;
      double p = m[c][c];
      for (int j = 0; j < 2 * n; j++) m[c][j] /= p;
      for (int r = 0; r < n; r++) {
        if (r == c) continue;
        double f = m[r][c];
        for (int j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) System.arraycopy(m[i], n, inv[i], 0, n);
    return inv;
  }

  /**
   * Tr A^(1/2) of a (non-symmetric) matrix with positive eigenvalues by the Denman-Beavers
   * iteration Y <- (Y + Z^-1) / 2, Z <- (Z + Y^-1) / 2 from Y = A, Z = I, which converges to
   * A^(1/2): no eigen-decomposition, so it checks the library's route independently.
   */
  static double traceOfSqrtByDenmanBeavers(double[][] a) {
    int n = a.length;
    double[][] y = a;
    double[][] z = diagonal(java.util.stream.DoubleStream.generate(() -> 1).limit(n).toArray());
    for (int k = 0; k < 60; k++) {
      double[][] yInv = inverse(y), zInv = inverse(z);
      double[][] y1 = new double[n][n], z1 = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          y1[i][j] = (y[i][j] + zInv[i][j]) / 2;
          z1[i][j] = (z[i][j] + yInv[i][j]) / 2;
        }
      }
      y = y1;
      z = z1;
    }
    double trace = 0;
    for (int i = 0; i < n; i++) trace += y[i][i];
    return trace;
  }

  static double trace(double[][] a) {
    double t = 0;
    for (int i = 0; i < a.length; i++) t += a[i][i];
    return t;
  }

  static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
    return s;
  }

  @Test void diagonalGaussiansHaveTheClosedFormOfStandardDeviations() {
    // With diagonal covariances, (C1 C2)^(1/2) = diag(s1 s2), so the trace term is sum (s1 - s2)^2.
    double[] mu1 = {0, 1, -2, 3}, mu2 = {0.5, 1, 0, 2};
    double[] s1 = {1, 2, 0.5, 3}, s2 = {2, 2, 0.1, 1};
    double expected = 0;
    for (int i = 0; i < 4; i++) expected += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]) + (s1[i] - s2[i]) * (s1[i] - s2[i]);
    var a = gaussian(mu1, diagonal(1, 4, 0.25, 9));
    var b = gaussian(mu2, diagonal(4, 4, 0.01, 1));
    assertEquals(expected, FrechetDistance.between(a, b), 1e-12);
  }

  @Test void covariancesWithCommonEigenvectorsCompareTheirRootEigenvalues() {
    // C_i = Q diag(l_i) Q^T with one rotation Q: Tr (C1 C2)^(1/2) = sum sqrt(l1 l2), a closed form
    // for non-diagonal matrices.
    var random = new Random(3);
    double[][] q = rotation(5, random);
    double[] l1 = {0.2, 1, 3, 0.01, 7}, l2 = {1, 1, 0.5, 2, 4};
    double[][] c1 = multiply(multiply(q, diagonal(l1)), transpose(q));
    double[][] c2 = multiply(multiply(q, diagonal(l2)), transpose(q));
    double[] mu1 = {1, 0, 0, 0, 0}, mu2 = {0, 0, 0, 0, 2};
    double expected = squaredDistance(mu1, mu2);
    for (int i = 0; i < 5; i++) expected += Math.pow(Math.sqrt(l1[i]) - Math.sqrt(l2[i]), 2);
    assertEquals(expected, FrechetDistance.between(gaussian(mu1, c1), gaussian(mu2, c2)), 1e-10);
  }

  @Test void twoByTwoCovariancesThatDoNotCommute() {
    // For a 2x2 matrix with eigenvalues a, b >= 0: (sqrt a + sqrt b)^2 = tr + 2 sqrt(det), so
    // Tr (C1 C2)^(1/2) = sqrt(tr(C1 C2) + 2 sqrt(det C1 det C2)).
    double[][] c1 = {{2, 0.9}, {0.9, 1}};
    double[][] c2 = {{1, -0.3}, {-0.3, 0.5}};
    double det1 = 2 * 1 - 0.81, det2 = 0.5 - 0.09;
    double trSqrt = Math.sqrt(trace(multiply(c1, c2)) + 2 * Math.sqrt(det1 * det2));
    double expected = 0.25 + trace(c1) + trace(c2) - 2 * trSqrt;
    assertEquals(expected, FrechetDistance.between(gaussian(new double[] {0, 0}, c1), gaussian(new double[] {0.5, 0}, c2)), 1e-12);
  }

  @Test void generalCovariancesAgainstDenmanBeaversSquareRoot() {
    var random = new Random(7);
    for (int d : new int[] {3, 8}) {
      double[][] c1 = randomCovariance(d, random), c2 = randomCovariance(d, random);
      double[] mu1 = random.doubles(d).toArray(), mu2 = random.doubles(d).toArray();
      double expected = squaredDistance(mu1, mu2) + trace(c1) + trace(c2)
          - 2 * traceOfSqrtByDenmanBeavers(multiply(c1, c2));
      double fd = FrechetDistance.between(gaussian(mu1, c1), gaussian(mu2, c2));
      assertEquals(expected, fd, 1e-9 * (trace(c1) + trace(c2)), "d = " + d);
    }
  }

  @Test void symmetricSquareRootSquaresBack() {
    double[][] c = randomCovariance(7, new Random(11));
    INDArray s = FrechetDistance.symmetricSqrt(Nd4j.createFromArray(c));
    double[][] back = s.mmul(s).toDoubleMatrix();
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 7; j++) assertEquals(c[i][j], back[i][j], 1e-10, "entry " + i + ", " + j);
    }
  }

  @Test void statisticsAreTheMeanAndTheSampleCovariance() {
    var x = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 5}, {4, 4}, {0, 1}});
    var s = FrechetDistance.Statistics.of(x);
    // Mean (2, 3); deviations (-1,-1), (1,2), (2,1), (-2,-2); sums of products / (n - 1) = / 3.
    assertEquals(2, s.mean().getDouble(0), 1e-12);
    assertEquals(3, s.mean().getDouble(1), 1e-12);
    assertEquals(10 / 3.0, s.covariance().getDouble(0, 0), 1e-12);
    assertEquals(9 / 3.0, s.covariance().getDouble(0, 1), 1e-12);
    assertEquals(9 / 3.0, s.covariance().getDouble(1, 0), 1e-12);
    assertEquals(10 / 3.0, s.covariance().getDouble(1, 1), 1e-12);
    assertEquals(4, s.n());
    assertEquals(DataType.DOUBLE, s.covariance().dataType());
    // The record keeps its own copies: changing what it returns changes nothing.
    s.mean().assign(100);
    assertEquals(2, s.mean().getDouble(0), 1e-12);
  }

  @Test void aSetIsAtDistanceZeroFromItselfEvenWithASingularCovariance() {
    Nd4j.getRandom().setSeed(4);
    var z = Nd4j.randn(DataType.FLOAT, 500, 6);
    // A dead unit (always 0) and a copied unit, as ReLU features have: C is singular.
    var x = Nd4j.hstack(z, Nd4j.zeros(DataType.FLOAT, 500, 1), z.getColumn(0, true).mul(2));
    double fd = FrechetDistance.between(x, x);
    System.out.println("FD(x, x) = " + fd);
    assertTrue(Double.isFinite(fd));
    assertEquals(0, fd, 1e-9, "FD(x, x) = " + fd);
  }

  @Test void isSymmetric() {
    var random = new Random(5);
    double[][] c1 = randomCovariance(6, random), c2 = randomCovariance(6, random);
    var a = gaussian(random.doubles(6).toArray(), c1);
    var b = gaussian(random.doubles(6).toArray(), c2);
    double ab = FrechetDistance.between(a, b), ba = FrechetDistance.between(b, a);
    assertTrue(ab > 1, "a distance of two different Gaussians, " + ab);
    assertEquals(ab, ba, 1e-10 * ab);
  }

  @Test void samplesOfKnownGaussiansApproachTheClosedForm() {
    // N(mu1, L1 L1^T) and N(mu2, L2 L2^T) in d = 4 with non-diagonal covariances.
    double[][] l1 = {{1, 0, 0, 0}, {0.5, 1, 0, 0}, {0, -0.3, 0.7, 0}, {0.2, 0, 0.4, 1.5}};
    double[][] l2 = {{0.6, 0, 0, 0}, {0, 1.2, 0, 0}, {0.4, 0.4, 1, 0}, {0, 0, 0.5, 0.5}};
    double[] mu1 = {0, 0, 1, 0}, mu2 = {0.5, 0, 0, 0};
    double[][] c1 = multiply(l1, transpose(l1)), c2 = multiply(l2, transpose(l2));
    double exact = squaredDistance(mu1, mu2) + trace(c1) + trace(c2) - 2 * traceOfSqrtByDenmanBeavers(multiply(c1, c2));
    double[] errors = new double[3];
    int[] sizes = {1_000, 10_000, 100_000};
    for (int i = 0; i < sizes.length; i++) {
      var z1 = ParzenWindowTest.gaussian(sizes[i], new double[4], new double[] {1, 1, 1, 1}, 10 + i);
      var z2 = ParzenWindowTest.gaussian(sizes[i], new double[4], new double[] {1, 1, 1, 1}, 20 + i);
      var x1 = z1.mmul(Nd4j.createFromArray(transpose(l1))).addiRowVector(Nd4j.createFromArray(mu1));
      var x2 = z2.mmul(Nd4j.createFromArray(transpose(l2))).addiRowVector(Nd4j.createFromArray(mu2));
      errors[i] = Math.abs(FrechetDistance.between(x1.castTo(DataType.FLOAT), x2.castTo(DataType.FLOAT)) - exact);
      System.out.printf("n = %d: |FD - exact| = %.5f (exact %.5f)%n", sizes[i], errors[i], exact);
    }
    // The estimate's error shrinks like 1/sqrt(n) (its bias like 1/n). Exact is 2.855; measured
    // here: 0.063, 0.0044, 0.0074 for n = 1,000, 10,000, 100,000.
    assertTrue(errors[2] < errors[0] / 4, java.util.Arrays.toString(errors));
    assertTrue(errors[2] < 0.02, java.util.Arrays.toString(errors));
  }

  @Test void refusesSetsOfDifferentWidths() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> FrechetDistance.between(Nd4j.zeros(10, 3), Nd4j.zeros(12, 4)));
    assertTrue(e.getMessage().contains("[10, 3]") && e.getMessage().contains("[12, 4]"), e.getMessage());
    var s = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(
        gaussian(new double[2], diagonal(1, 1)), gaussian(new double[3], diagonal(1, 1, 1))));
    assertTrue(s.getMessage().contains("2 and 3"), s.getMessage());
  }

  @Test void refusesTooFewRowsForACovariance() {
    var e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.Statistics.of(Nd4j.zeros(1, 5)));
    assertTrue(e.getMessage().contains("at least 2 rows") && e.getMessage().contains("[1, 5]"), e.getMessage());
  }

  @Test void refusesNaN() {
    var x = Nd4j.rand(DataType.FLOAT, 20, 3);
    x.putScalar(7, 2, Float.NaN);
    var e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(x, Nd4j.rand(DataType.FLOAT, 20, 3)));
    assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("column 2"), e.getMessage());
  }
}
