package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KMeansTest {
  static final double[][] CENTRES = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {0, 0, 10}};

  /** 100 rows around each centre, row i from centre i % 4, with standard deviation {@code sd}. */
  static INDArray blobs(double sd, long seed) {
    var z = ParzenWindowTest.gaussian(400, new double[3], new double[] {sd, sd, sd}, seed);
    for (int i = 0; i < 400; i++) z.getRow(i).addi(Nd4j.createFromArray(CENTRES[i % 4]));
    return z.castTo(DataType.FLOAT);
  }

  /** Lloyd's algorithm in plain double loops, the same empty-cluster rule: the reference. */
  static double[][] referenceLloyd(double[][] x, double[][] seeds, int iterations, int[] assignments) {
    int k = seeds.length, d = x[0].length;
    double[][] c = Arrays.stream(seeds).map(double[]::clone).toArray(double[][]::new);
    for (int t = 0; t < iterations; t++) {
      double[] distance = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        distance[i] = Double.MAX_VALUE;
        for (int j = 0; j < k; j++) {
          double s = 0;
          for (int l = 0; l < d; l++) s += (x[i][l] - c[j][l]) * (x[i][l] - c[j][l]);
          if (s < distance[i]) { distance[i] = s; assignments[i] = j; }
        }
      }
      if (t == iterations - 1) break;
      double[][] sums = new double[k][d];
      int[] counts = new int[k];
      for (int i = 0; i < x.length; i++) {
        counts[assignments[i]]++;
        for (int l = 0; l < d; l++) sums[assignments[i]][l] += x[i][l];
      }
      for (int j = 0; j < k; j++) {
        if (counts[j] == 0) {
          int far = 0;
          for (int i = 1; i < x.length; i++) if (distance[i] > distance[far]) far = i;
          c[j] = x[far].clone();
          distance[far] = -1;
        } else {
          for (int l = 0; l < d; l++) c[j][l] = sums[j][l] / counts[j];
        }
      }
    }
    return c;
  }

  @Test void recoversWellSeparatedBlobs() {
    var x = blobs(0.5, 1);
    var km = KMeans.fit(x, 4, 1);
    assertTrue(km.converged(), "converged in " + km.iterations());
    // The clustering is the truth up to relabelling: cluster of row i determined by i % 4, one to one.
    int[] a = km.assignments();
    int[] labelOf = new int[4];
    for (int t = 0; t < 4; t++) labelOf[t] = a[t];
    for (int i = 0; i < 400; i++) assertEquals(labelOf[i % 4], a[i], "row " + i);
    assertEquals(4, new HashSet<>(Arrays.stream(labelOf).boxed().toList()).size());
    // Each centroid is its blob's sample mean: within a few 0.5 / sqrt(100) = 0.05 of the centre.
    double[][] c = km.centroids().toDoubleMatrix();
    for (int t = 0; t < 4; t++) {
      for (int l = 0; l < 3; l++) assertEquals(CENTRES[t][l], c[labelOf[t]][l], 0.2, "centre " + t);
    }
    // Inertia is the sum of squared distances to the assigned centroids, about n d sd^2 = 300.
    double[][] rows = x.toDoubleMatrix();
    double inertia = 0;
    for (int i = 0; i < 400; i++) {
      for (int l = 0; l < 3; l++) inertia += Math.pow(rows[i][l] - c[a[i]][l], 2);
    }
    assertEquals(inertia, km.inertia(), 1e-4 * inertia);
    assertEquals(300, km.inertia(), 40);
  }

  @Test void kMeansPlusPlusSeedsOneRowInEachBlob() {
    var x = blobs(0.1, 2);
    var norms = x.mul(x).sum(1);
    for (long seed = 1; seed <= 10; seed++) {
      var seeds = KMeans.plusPlus(x, norms, 4, new SplittableRandom(seed)).toDoubleMatrix();
      var blobsHit = new HashSet<Integer>();
      for (double[] s : seeds) {
        int nearest = 0;
        for (int t = 1; t < 4; t++) {
          if (distance2(s, CENTRES[t]) < distance2(s, CENTRES[nearest])) nearest = t;
        }
        assertTrue(distance2(s, CENTRES[nearest]) < 1, "a seed is a data row");
        blobsHit.add(nearest);
      }
      assertEquals(4, blobsHit.size(), "seed " + seed + ": " + Arrays.deepToString(seeds));
    }
  }

  @Test void lloydMatchesAPlainDoubleImplementationAcrossChunks() {
    Nd4j.getRandom().setSeed(6);
    var x = Nd4j.rand(DataType.FLOAT, 300, 5);
    var seeds = KMeans.plusPlus(x, x.mul(x).sum(1), 6, new SplittableRandom(9));
    // Chunks of 7 rows: 300 is not a multiple, so the last chunk is short.
    var km = KMeans.lloyd(x, seeds, 8, 7);
    int[] expected = new int[300];
    double[][] c = referenceLloyd(x.toDoubleMatrix(), seeds.toDoubleMatrix(), km.iterations(), expected);
    assertArrayEquals(expected, km.assignments());
    double[][] got = km.centroids().toDoubleMatrix();
    for (int j = 0; j < 6; j++) assertArrayEquals(c[j], got[j], 1e-5, "centroid " + j);
    assertEquals(km.iterations(), km.inertiaCurve().length);
    var whole = KMeans.lloyd(x, seeds, 8, 300);
    assertArrayEquals(km.assignments(), whole.assignments());
  }

  @Test void inertiaNeverIncreases() {
    Nd4j.getRandom().setSeed(8);
    var x = Nd4j.rand(DataType.FLOAT, 2000, 2);
    var km = KMeans.fit(x, 20, 200, 3);
    double[] curve = km.inertiaCurve();
    assertTrue(curve.length > 5, "enough iterations to test: " + curve.length);
    System.out.println("k-means inertia by iteration: " + Arrays.toString(curve));
    for (int t = 1; t < curve.length; t++) {
      // Up to float rounding of the distances.
      assertTrue(curve[t] <= curve[t - 1] * (1 + 1e-6), "iteration " + t + ": " + Arrays.toString(curve));
    }
    assertTrue(curve[curve.length - 1] < curve[0], Arrays.toString(curve));
    assertEquals(curve[curve.length - 1], km.inertia(), 0);
  }

  @Test void aClusterLeftEmptyMovesToTheFarthestRow() {
    // Rows 0, 1, 8, 9 and seeds 0, 0.1, 100: the seed at 100 gets no row in the first assignment
    // and moves to the row farthest from its centroid (9, at 8.9 from 0.1). The reference applies
    // the same rule; in the end every cluster has rows.
    var x = Nd4j.createFromArray(new float[][] {{0}, {1}, {8}, {9}});
    var seeds = Nd4j.createFromArray(new float[][] {{0}, {0.1f}, {100}});
    var km = KMeans.lloyd(x, seeds, 10, 4);
    int[] expected = new int[4];
    double[][] c = referenceLloyd(x.toDoubleMatrix(), seeds.toDoubleMatrix(), km.iterations(), expected);
    assertArrayEquals(expected, km.assignments());
    assertArrayEquals(new int[] {0, 1, 2, 2}, km.assignments(), "every cluster in use");
    double[][] got = km.centroids().toDoubleMatrix();
    for (int j = 0; j < 3; j++) assertArrayEquals(c[j], got[j], 1e-6);
  }

  @Test void theSameSeedGivesTheSameClustering() {
    Nd4j.getRandom().setSeed(8);
    var x = Nd4j.rand(DataType.FLOAT, 500, 4);
    var a = KMeans.fit(x, 7, 11);
    var b = KMeans.fit(x, 7, 11);
    assertArrayEquals(a.assignments(), b.assignments());
    assertEquals(a.centroids(), b.centroids());
    assertEquals(a.inertia(), b.inertia(), 0);
  }

  @Test void stopsAtMaxIterations() {
    Nd4j.getRandom().setSeed(8);
    var x = Nd4j.rand(DataType.FLOAT, 2000, 2);
    var km = KMeans.fit(x, 20, 2, 3);
    assertEquals(2, km.iterations());
    assertFalse(km.converged());
    assertEquals(2, km.inertiaCurve().length);
  }

  @Test void assignsNewRowsToTheNearestCentroid() {
    var x = blobs(0.5, 4);
    var km = KMeans.fit(x, 4, 1);
    assertArrayEquals(km.assignments(), km.assign(x));
    int[] a = km.assignments();
    var shifted = Nd4j.createFromArray(new float[][] {{0.3f, 0, 0}, {9, 1, 0}, {0, 9.5f, 0.2f}, {1, 0, 11}});
    assertArrayEquals(new int[] {a[0], a[1], a[2], a[3]}, km.assign(shifted));
  }

  @Test void refusesBadInput() {
    var x = Nd4j.rand(DataType.FLOAT, 10, 3);
    var e = assertThrows(IllegalArgumentException.class, () -> KMeans.fit(x, 0, 1));
    assertTrue(e.getMessage().contains("k = 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KMeans.fit(x, 11, 1));
    assertTrue(e.getMessage().contains("k = 11") && e.getMessage().contains("10 rows"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KMeans.fit(x, 2, 0, 1));
    assertTrue(e.getMessage().contains("maxIterations"), e.getMessage());
    var km = KMeans.fit(x, 2, 1);
    e = assertThrows(IllegalArgumentException.class, () -> km.assign(Nd4j.rand(DataType.FLOAT, 4, 5)));
    assertTrue(e.getMessage().contains("[4, 5]") && e.getMessage().contains("[2, 3]"), e.getMessage());
    var nan = x.dup();
    nan.putScalar(3, 1, Float.NaN);
    e = assertThrows(IllegalArgumentException.class, () -> KMeans.fit(nan, 2, 1));
    assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("NaN"), e.getMessage());
  }

  static double distance2(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
    return s;
  }
}
