package org.ganbook.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ganbook.loops.Loops;
import org.ganbook.nn.GradientCheck;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SemiSupervisedLossTest {
  private static final double[][] L = {{1.0, -0.5, 2.0}, {0.3, 0.1, -1.0}};

  @Test void supervisedIsCrossEntropyOverTheRealClasses() {
    var logits = Nd4j.createFromArray(L);
    int[] y = {2, 0};
    double expected = 0;
    for (int i = 0; i < 2; i++) {
      double z = 0;
      for (double l : L[i]) z += Math.exp(l);
      expected += -(L[i][y[i]] - Math.log(z)) / 2;
    }
    assertEquals(expected, SemiSupervisedLoss.supervised(logits, y).value(), 1e-12);
    var a = logits.dup();
    GradientCheck.check("supervised", a, SemiSupervisedLoss.supervised(a, y).gradient(),
        () -> SemiSupervisedLoss.supervised(a, y).value());
  }

  @Test void unsupervisedMatchesDOfZOverZPlusOne() {
    var real = Nd4j.createFromArray(L);
    var fake = Nd4j.createFromArray(new double[][] {{-2, -1, 0.5}});
    double expected = 0;
    for (double[] row : L) {
      double z = 0;
      for (double l : row) z += Math.exp(l);
      expected += -Math.log(z / (z + 1)) / 2;
    }
    double zf = Math.exp(-2) + Math.exp(-1) + Math.exp(0.5);
    expected += -Math.log(1 - zf / (zf + 1));
    assertEquals(expected, SemiSupervisedLoss.unsupervised(real, fake).value(), 1e-12);
    var r = real.dup();
    var f = fake.dup();
    var pair = SemiSupervisedLoss.unsupervised(r, f);
    GradientCheck.check("unsupervised real", r, pair.realGradient(), () -> SemiSupervisedLoss.unsupervised(r, f).value());
    GradientCheck.check("unsupervised fake", f, pair.fakeGradient(), () -> SemiSupervisedLoss.unsupervised(r, f).value());
  }

  @Test void stableForLargeLogits() {
    var big = Nd4j.createFromArray(new float[][] {{1000f, 999f}});
    assertEquals(1000 + Math.log1p(Math.exp(-1)), SemiSupervisedLoss.logSumExp(big).getDouble(0), 1e-3);
    assertEquals(0, SemiSupervisedLoss.unsupervised(big, Nd4j.createFromArray(new float[][] {{-1000f, -1000f}})).value(), 1e-3);
  }

  /** The CPU's row loops (float logits) against ND4J's ops: the same values and gradients. */
  @Test void rowLoopsAsNd4jComputesThem() {
    Nd4j.getRandom().setSeed(11);
    // three blocks of one stacked array, as the trainer passes them (views with an offset)
    INDArray logits = Nd4j.randn(DataType.FLOAT, 300, 10).muli(4);
    logits.getRow(7).addi(80); // a row far from zero
    INDArray lab = logits.get(NDArrayIndex.interval(0, 100), NDArrayIndex.all());
    INDArray real = logits.get(NDArrayIndex.interval(100, 200), NDArrayIndex.all());
    INDArray fake = logits.get(NDArrayIndex.interval(200, 300), NDArrayIndex.all());
    assertTrue(Loops.available(lab) && Loops.available(real));
    int[] y = new int[100];
    for (int i = 0; i < y.length; i++) y[i] = (i * 7) % 10;
    Loss sup = SemiSupervisedLoss.supervised(lab, y);
    Loss supNd = Loops.ndOnly(() -> SemiSupervisedLoss.supervised(lab, y));
    assertEquals(supNd.value(), sup.value(), 1e-5 * Math.abs(supNd.value()));
    assertEquals(0, supNd.gradient().sub(sup.gradient()).amaxNumber().doubleValue(), 1e-7);
    var pair = SemiSupervisedLoss.unsupervised(real, fake);
    var pairNd = Loops.ndOnly(() -> SemiSupervisedLoss.unsupervised(real, fake));
    assertEquals(pairNd.value(), pair.value(), 1e-5 * Math.abs(pairNd.value()));
    assertEquals(0, pairNd.realGradient().sub(pair.realGradient()).amaxNumber().doubleValue(), 1e-7);
    assertEquals(0, pairNd.fakeGradient().sub(pair.fakeGradient()).amaxNumber().doubleValue(), 1e-7);

  }

  @Test void aLabelOutsideTheClassesIsNamed() {
    var logits = Nd4j.rand(DataType.FLOAT, 2, 10);
    var e = assertThrows(IllegalArgumentException.class, () -> SemiSupervisedLoss.supervised(logits, new int[] {3, 10}));
    assertTrue(e.getMessage().contains("label 10 of row 1"), e.getMessage());
  }

  @Test void featureMatchingGradient() {
    Nd4j.getRandom().setSeed(3);
    var real = Nd4j.randn(DataType.DOUBLE, 6, 4);
    var fake = Nd4j.randn(DataType.DOUBLE, 5, 4);
    GradientCheck.check("feature matching", fake, FeatureMatching.of(real, fake).gradient(),
        () -> FeatureMatching.of(real, fake).value());
    assertEquals(0, FeatureMatching.of(real, real.dup()).value(), 1e-15);
  }

  @Test void movingAverage() {
    var p = new org.ganbook.nn.Parameter("w", Nd4j.createFromArray(0.0, 0.0));
    var ema = new org.ganbook.optim.ExponentialMovingAverage(java.util.List.of(p), 0.9);
    p.value().assign(Nd4j.createFromArray(1.0, 2.0));
    ema.update();
    ema.swap();
    assertArrayEquals(new double[] {0.1, 0.2}, p.value().toDoubleVector(), 1e-12);
    ema.swap();
    assertArrayEquals(new double[] {1.0, 2.0}, p.value().toDoubleVector(), 1e-12);
  }
}
