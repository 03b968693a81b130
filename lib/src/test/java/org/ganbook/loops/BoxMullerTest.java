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

  @Test void theVectorTransformEqualsTheScalarOneToTheBit() {
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
    // many times, so that the JIT compiles the vector loop while the comparisons go on
    for (int round = 0; round < 200; round++) {
      int done = VectorBoxMuller.transform(bits, vector, half);
      assertTrue(done > half - 64, "whole vectors cover all but the last few pairs, got " + done + " of " + half);
      BoxMuller.transform(bits, scalar, 0, half);
      for (int i = 0; i < 2 * done; i++) {
        int j = i < done ? i : i - done + half;
        assertEquals(Float.floatToRawIntBits(scalar[j]), Float.floatToRawIntBits(vector[j]),
            "round " + round + ", element " + j + ": " + scalar[j] + " against " + vector[j]);
      }
    }
  }

  @Test void theTransformIsBoxMullersToFloatPrecision() {
    int n = 1 << 16, half = n / 2;
    int[] bits = new int[n];
    var random = new SplittableRandom(11);
    for (int i = 0; i < n; i++) bits[i] = random.nextInt();
    bits[0] = 0;
    bits[1] = -1;
    bits[half] = 0;
    bits[half + 1] = -1;
    float[] z = new float[n];
    BoxMuller.transform(bits, z, 0, half);
    for (int i = 0; i < half; i++) {
      double u1 = ((bits[i] >>> 8) + 1) / 0x1p24, angle = 2 * Math.PI * ((bits[i + half] >>> 8) / 0x1p24);
      double r = Math.sqrt(-2 * Math.log(u1));
      assertEquals(r * Math.cos(angle), z[i], 1e-6 + 1e-6 * r, "z0 of pair " + i);
      assertEquals(r * Math.sin(angle), z[i + half], 1e-6 + 1e-6 * r, "z1 of pair " + i);
    }
    assertEquals(Math.sqrt(2 * 24 * Math.log(2)), z[0], 1e-5, "the largest draw, r at u1 = 2^-24, cos 0");
    assertEquals(0, z[1], 0, "u1 = 1 gives r = 0");
  }

  @Test void theLogarithmAndTheQuarterTurnsMatchMath() {
    for (int t = 0; t < 1 << 24; t += 997) {
      float u = (t + 1) * 0x1p-24f;
      assertEquals(Math.log(u), BoxMuller.log(u), 2e-7 * Math.max(1, Math.abs(Math.log(u))), "ln " + u);
      double angle = 2 * Math.PI * (t / 0x1p24);
      assertEquals(Math.cos(angle), BoxMuller.cosTurns(t), 2e-7, "cos of " + t + " / 2^24 turns");
      assertEquals(Math.sin(angle), BoxMuller.sinTurns(t), 2e-7, "sin of " + t + " / 2^24 turns");
    }
    assertEquals(0, BoxMuller.log(1f), 0);
    assertEquals(1, BoxMuller.cosTurns(0), 0);
    assertEquals(0, BoxMuller.sinTurns(0), 0);
    assertEquals(-1, BoxMuller.cosTurns(1 << 23), 0, "half a turn");
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
