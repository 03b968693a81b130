package org.ganbook.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ganbook.loss.DiscriminatorCost;
import org.ganbook.loss.ValueFunction;
import org.ganbook.nn.Dense;
import org.ganbook.nn.Init;
import org.ganbook.nn.Mode;
import org.ganbook.nn.Sequential;
import org.ganbook.nn.Tanh;
import org.ganbook.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DiscriminatorStepTest {
  static Sequential d() {
    Nd4j.getRandom().setSeed(3);
    return new Sequential("D", new Dense(2, 8, Init.glorot()), new Tanh(), new Dense(8, 1, Init.glorot()));
  }

  static final INDArray REAL = Nd4j.createFromArray(new float[][] {{1, 2}, {0.5f, 1}, {2, 0}});
  static final INDArray FAKE = Nd4j.createFromArray(new float[][] {{-1, 0}, {0, -2}, {-0.5f, -1}});

  private static double sigmoid(double a) { return 1 / (1 + Math.exp(-a)); }

  @Test void forwardIsMinusVOnRealOverGeneratedAndChangesNothing() {
    var d = d();
    INDArray before = d.parameters().get(0).value().dup();
    var step = DiscriminatorStep.forward(d, REAL, FAKE, DiscriminatorCost.MINUS_V);
    assertEquals(before, d.parameters().get(0).value(), "forward alone leaves D as it was");
    double v = ValueFunction.estimate(d.forward(REAL, Mode.EVAL), d.forward(FAKE, Mode.EVAL));
    assertEquals(-v, step.cost().value(), 1e-6);
    assertEquals(3, step.m());
    var half = DiscriminatorStep.forward(d, REAL, FAKE, DiscriminatorCost.MEAN_CROSS_ENTROPY);
    assertEquals(-v / 2, half.cost().value(), 1e-6, "the paper's code's cost is -V / 2");

    double[] real = d.forward(REAL, Mode.EVAL).toDoubleVector(), fake = d.forward(FAKE, Mode.EVAL).toDoubleVector();
    double meanReal = 0, meanFake = 0;
    for (int i = 0; i < 3; i++) {
      meanReal += sigmoid(real[i]) / 3;
      meanFake += sigmoid(fake[i]) / 3;
    }
    assertEquals(meanReal, step.meanD()[0], 1e-6);
    assertEquals(meanFake, step.meanD()[1], 1e-6);
  }

  @Test void aStepDescendsDsCost() {
    var d = d();
    var first = DiscriminatorStep.take(d, REAL, FAKE, DiscriminatorCost.MINUS_V, new Sgd(0.1));
    var second = DiscriminatorStep.forward(d, REAL, FAKE, DiscriminatorCost.MINUS_V);
    assertTrue(second.cost().value() < first.cost().value(),
        "-V after a step " + second.cost().value() + " < before " + first.cost().value());
    assertTrue(second.meanD()[0] > first.meanD()[0] && second.meanD()[1] < first.meanD()[1],
        "D moves towards 1 on real and 0 on generated examples");
  }

  @Test void refusesBatchesOfDifferentShapes() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> DiscriminatorStep.forward(d(), REAL, Nd4j.zeros(DataType.FLOAT, 2, 2), DiscriminatorCost.MINUS_V));
    assertEquals("D's step needs m real and m generated examples of one shape, got real [3, 2] and generated [2, 2]", e.getMessage());
  }
}
