package org.ganbook.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class BoxMullerTest {
  @Test void theTestJvmTakesTheVectorPath() {
    assertTrue(BoxMuller.vectorised(), "the Vector API is missing: start the JVM with --add-modules=jdk.incubator.vector"
        + " (pom.xml's surefire argLine, environment/cpu-env.sh's GANBOOK_JAVA_VECTOR)");
  }

  @Test void theVectorTransformEqualsTheScalarOne() {
    int n = 4096, half = n / 2;
    int[] bits = new int[n];
    var random = new SplittableRandom(7);
    for (int i = 0; i < n; i++) bits[i] = random.nextInt();
    // the extremes: u1 = 2^-24 (the largest radius), u1 = 1 (radius 0), angles 0 and just below 2 pi
    bits[0] = 0;
    bits[1] = -1;
    bits[half] = 0;
    bits[half + 1] = -1;
    float[] vector = new float[n], scalar = new float[n];
    int done = VectorBoxMuller.transform(bits, vector, half);
    assertTrue(done > half - 64, "whole vectors cover all but the last few pairs, got " + done + " of " + half);
    BoxMuller.transform(bits, vector, done, half);
    BoxMuller.transform(bits, scalar, 0, half);
    for (int i = 0; i < n; i++) {
      assertEquals(scalar[i], vector[i], 2e-6 + 2e-6 * Math.abs(scalar[i]), "element " + i);
    }
    assertEquals(Math.sqrt(2 * 24 * Math.log(2)), scalar[0], 1e-5, "the largest draw, r at u1 = 2^-24, cos 0");
    assertEquals(0, scalar[1], 0, "u1 = 1 gives r = 0");
  }

  @Test void fillDrawsStandardNormalsAndIndependentPairs() {
    int n = 2048, rounds = 250;
    int[] bits = new int[n];
    float[] z = new float[n];
    var random = new SplittableRandom(3);
    double[] all = new double[n * rounds];
    double pairProduct = 0;
    for (int r = 0; r < rounds; r++) {
      BoxMuller.fill(random, bits, z, n);
      for (int i = 0; i < n; i++) all[r * n + i] = z[i];
      for (int i = 0; i < n / 2; i++) pairProduct += z[i] * z[i + n / 2];
    }
    assertEquals(0, pairProduct / (n / 2 * rounds), 5 / Math.sqrt(n / 2.0 * rounds), "correlation of z0 and z1");
    // Kolmogorov-Smirnov against N(0, 1) (commons-math3, which ND4J brings)
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(null, 0, 1), all);
    assertTrue(p > 0.001, "KS test against N(0, 1) over " + all.length + " draws: p = " + p);
  }

  @Test void anOddCountIsRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> BoxMuller.fill(new SplittableRandom(1), new int[3], new float[3], 3));
    assertTrue(e.getMessage().contains("even"), e.getMessage());
  }
}
