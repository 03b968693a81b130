package org.ganbook.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ganbook.nn.GradientCheck;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

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
