package org.ganbook.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.ganbook.gan.DiscriminatorStep;
import org.ganbook.loops.Loops;
import org.ganbook.nn.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossTest {
  private static final INDArray LOGITS = Nd4j.createFromArray(new double[][] {{-3.0}, {-0.5}, {0.2}, {2.5}});

  private static double sigmoid(double a) { return 1 / (1 + Math.exp(-a)); }

  @Test void discriminatorLossIsMinusTheValueFunction() {
    // First two rows real, last two generated (m = 2).
    Loss loss = ValueFunction.discriminatorLoss(LOGITS, 2);
    double v = (Math.log(sigmoid(-3.0)) + Math.log(sigmoid(-0.5))) / 2
        + (Math.log(1 - sigmoid(0.2)) + Math.log(1 - sigmoid(2.5))) / 2;
    assertEquals(-v, loss.value(), 1e-12);
    assertEquals(v, ValueFunction.estimate(LOGITS.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)),
        LOGITS.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4))), 1e-12);
  }

  @Test void generatorLossesMatchTheirDefinitions() {
    double sat = 0, nonSat = 0;
    for (double a : LOGITS.toDoubleVector()) {
      sat += Math.log(1 - sigmoid(a)) / 4;
      nonSat += -Math.log(sigmoid(a)) / 4;
    }
    assertEquals(sat, GeneratorLoss.SATURATING.of(LOGITS).value(), 1e-12);
    assertEquals(nonSat, GeneratorLoss.NON_SATURATING.of(LOGITS).value(), 1e-12);
  }

  private static void checkGradient(String what, Function<INDArray, Loss> f) {
    INDArray a = LOGITS.dup();
    GradientCheck.check(what, a, f.apply(a).gradient(), () -> f.apply(a).value());
  }

  @Test void discriminatorLossGradient() { checkGradient("-V", a -> ValueFunction.discriminatorLoss(a, 2)); }

  @ParameterizedTest @EnumSource(GeneratorLoss.class)
  void generatorLossGradient(GeneratorLoss g) { checkGradient(g.name(), g::of); }

  @Test void binaryCrossEntropyGradient() {
    INDArray labels = Nd4j.createFromArray(new double[][] {{1}, {0}, {1}, {0}});
    checkGradient("BCE", a -> BinaryCrossEntropy.of(a, labels));
  }

  @Test void stableWhereProbabilitiesRoundToZeroOrOne() {
    // D(x) = sigmoid(-1000) is 0 in floating point: log D(x) would be -Infinity, the loss is 1000.
    INDArray extreme = Nd4j.createFromArray(new float[][] {{-1000f}, {1000f}});
    Loss d = ValueFunction.discriminatorLoss(extreme, 1);
    assertEquals(2000, d.value(), 1e-3);
    assertEquals(1000, GeneratorLoss.NON_SATURATING.of(Nd4j.createFromArray(new float[][] {{-1000f}})).value(), 1e-3);
    assertEquals(-1000, GeneratorLoss.SATURATING.of(Nd4j.createFromArray(new float[][] {{1000f}})).value(), 1e-3);
    for (double g : d.gradient().toDoubleVector()) assertTrue(Double.isFinite(g), "gradient " + g);
  }

  @Test void saturatingGradientVanishesWhereDRejectsSamples() {
    // Section 3 of the paper: when D(G(z)) -> 0, log(1 - D) gives G almost no gradient; -log D does.
    INDArray rejected = Nd4j.createFromArray(new double[][] {{-10.0}});
    double sat = Math.abs(GeneratorLoss.SATURATING.of(rejected).gradient().getDouble(0));
    double nonSat = Math.abs(GeneratorLoss.NON_SATURATING.of(rejected).gradient().getDouble(0));
    assertTrue(nonSat / sat > 1e4, "non-saturating/saturating gradient ratio " + nonSat / sat);
  }

  @Test void refusesMismatchedShapes() {
    var e = assertThrows(IllegalArgumentException.class, () -> ValueFunction.discriminatorLoss(LOGITS, 3));
    assertTrue(e.getMessage().contains("2m = 6"), e.getMessage());
    var f = assertThrows(IllegalArgumentException.class,
        () -> BinaryCrossEntropy.of(LOGITS, Nd4j.zeros(DataType.DOUBLE, 3, 1)));
    assertTrue(f.getMessage().contains("[4, 1]") && f.getMessage().contains("[3, 1]"), f.getMessage());
  }

  /** The CPU's loops (float logits) against ND4J's ops: the same values and gradients, tails included. */
  @Test void loopsAsNd4jComputesThem() {
    Nd4j.getRandom().setSeed(12);
    INDArray logits = Nd4j.randn(DataType.FLOAT, 200, 1).muli(3);
    logits.putScalar(0, 40f);
    logits.putScalar(150, -40f);
    assertTrue(Loops.available(logits));
    assertSameLoss(ValueFunction.discriminatorLoss(logits, 100), Loops.ndOnly(() -> ValueFunction.discriminatorLoss(logits, 100)), "-V");
    for (GeneratorLoss g : GeneratorLoss.values()) assertSameLoss(g.of(logits), Loops.ndOnly(() -> g.of(logits)), g.name());
    var step = new DiscriminatorStep(null, logits, null, 100);
    double[] meanD = step.meanD(), meanDNd = Loops.ndOnly(step::meanD);
    assertEquals(meanDNd[0], meanD[0], 1e-6, "mean D(x)");
    assertEquals(meanDNd[1], meanD[1], 1e-6, "mean D(G(z))");
  }

  private static void assertSameLoss(Loss expected, Loss actual, String what) {
    assertEquals(expected.value(), actual.value(), 1e-5 * Math.abs(expected.value()), what + " value");
    assertEquals(0, expected.gradient().sub(actual.gradient()).amaxNumber().doubleValue(), 1e-8, what + " gradient");
  }
}
