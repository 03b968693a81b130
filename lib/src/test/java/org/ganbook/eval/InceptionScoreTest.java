package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InceptionScoreTest {
  /** Rows of one-hot probabilities, row i of class classes[i]. */
  static INDArray oneHot(int k, int... classes) {
    double[][] p = new double[classes.length][k];
    for (int i = 0; i < classes.length; i++) p[i][classes[i]] = 1;
    return Nd4j.createFromArray(p);
  }

  static INDArray repeat(int n, double... row) {
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) p[i] = row.clone();
    return Nd4j.createFromArray(p);
  }

  @Test void everyRowTheSameDistributionScoresOne() {
    assertEquals(1.0, InceptionScore.of(repeat(50, 0.2, 0.3, 0.5)), 1e-12);
    var r = InceptionScore.of(repeat(50, 0.1, 0.1, 0.1, 0.7), 5);
    assertEquals(1.0, r.mean(), 1e-12);
    assertEquals(0.0, r.sd(), 1e-12);
  }

  @Test void oneHotRowsUsingEveryClassEquallyScoreK() {
    int[] classes = new int[100];
    for (int i = 0; i < 100; i++) classes[i] = i % 10;
    assertEquals(10.0, InceptionScore.of(oneHot(10, classes)), 1e-12);
  }

  @Test void confidentRowsScoreTheExponentialOfTheClassEntropy() {
    // One-hot rows have H(y|x) = 0, so IS = exp(H(y)); classes used 3:1 give
    // H = -(3/4 log 3/4 + 1/4 log 1/4), IS = 1 / (0.75^0.75 0.25^0.25) = 1.7548.
    double expected = 1 / (Math.pow(0.75, 0.75) * Math.pow(0.25, 0.25));
    assertEquals(expected, InceptionScore.of(oneHot(4, 0, 0, 1, 0)), 1e-12);
    assertEquals(1.7548, expected, 1e-4);
  }

  @Test void aHandComputedMixedCase() {
    // Rows (1, 0) and (1/2, 1/2): p(y) = (3/4, 1/4); KL of the first log(4/3), of the second
    // 1/2 log(2/3) + 1/2 log 2 = 1/2 log(4/3); the mean 3/4 log(4/3), IS = (4/3)^(3/4) = 1.2408.
    var p = Nd4j.createFromArray(new double[][] {{1, 0}, {0.5, 0.5}});
    assertEquals(Math.pow(4 / 3.0, 0.75), InceptionScore.of(p), 1e-12);
  }

  @Test void liesBetweenOneAndTheNumberOfClasses() {
    var random = new Random(2);
    for (int trial = 0; trial < 20; trial++) {
      int k = 2 + random.nextInt(9);
      double sharpness = Math.pow(10, random.nextDouble() * 4 - 2);
      double[][] p = new double[200][k];
      for (double[] row : p) {
        double sum = 0;
        for (int j = 0; j < k; j++) sum += row[j] = Math.exp(sharpness * random.nextGaussian());
        for (int j = 0; j < k; j++) row[j] /= sum;
      }
      double score = InceptionScore.of(Nd4j.createFromArray(p));
      assertTrue(score >= 1 && score <= k, "IS = " + score + " with K = " + k);
      assertTrue(score > 1 + 1e-6, "random rows differ, so IS > 1: " + score);
    }
  }

  @Test void splitsAreContiguousAndReportMeanAndPopulationSd() {
    // 7 rows in 3 splits are rows [0, 2), [2, 4), [4, 7): two classes one-hot (IS 2), two equal
    // rows (IS 1), three classes one-hot (IS 3).
    var p = Nd4j.vstack(oneHot(3, 0, 1), repeat(2, 0.2, 0.3, 0.5), oneHot(3, 0, 1, 2));
    var r = InceptionScore.of(p, 3);
    assertArrayEquals(new double[] {2, 1, 3}, r.splitScores(), 1e-12);
    assertEquals(2, r.mean(), 1e-12);
    // numpy's std, ddof = 0: sqrt(((2-2)^2 + (1-2)^2 + (3-2)^2) / 3).
    assertEquals(Math.sqrt(2 / 3.0), r.sd(), 1e-12);
    assertEquals("2.00 ± 0.82", r.toString());
    assertEquals(InceptionScore.of(p), InceptionScore.of(p, 1).mean(), 1e-15);
  }

  @Test void acceptsFloatSoftmaxRows() {
    Nd4j.getRandom().setSeed(3);
    var logits = Nd4j.randn(DataType.FLOAT, 64, 10).muli(3);
    var softmax = org.nd4j.linalg.ops.transforms.Transforms.softmax(logits, true);
    double score = InceptionScore.of(softmax);
    assertTrue(score > 1 && score < 10, "IS = " + score);
  }

  @Test void refusesRowsThatAreNotProbabilities() {
    var notSummingToOne = Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {0.25, 0.75}, {0.5, 0.25}});
    var e = assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(notSummingToOne));
    assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("0.75"), e.getMessage());

    var negative = Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {1.1, -0.1}});
    e = assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(negative));
    assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("-0.1"), e.getMessage());

    var nan = Nd4j.createFromArray(new double[][] {{Double.NaN, 1}});
    e = assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(nan));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(Nd4j.create(DataType.DOUBLE, 0, 10)));
    assertTrue(e.getMessage().contains("[0, 10]"), e.getMessage());
  }

  @Test void refusesMoreSplitsThanRows() {
    var p = repeat(10, 0.5, 0.5);
    var e = assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(p, 11));
    assertTrue(e.getMessage().contains("got 11") && e.getMessage().contains("10 rows"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(p, 0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }
}
