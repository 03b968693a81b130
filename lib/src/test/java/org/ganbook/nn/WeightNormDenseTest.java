package org.ganbook.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightNormDenseTest {
  private static DataType previous;

  @BeforeAll static void useDoubles() {
    previous = Nd4j.defaultFloatingPointType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @AfterAll static void restore() { Nd4j.setDefaultDataTypes(previous, previous); }

  @ParameterizedTest(name = "trainScale {0}")
  @ValueSource(booleans = {true, false})
  void backwardMatchesFiniteDifferences(boolean trainScale) {
    Nd4j.getRandom().setSeed(4);
    var layer = new WeightNormDense(4, 3, trainScale);
    layer.scale().value().assign(Nd4j.createFromArray(new double[][] {{0.5, 2.0, -1.5}}));
    layer.bias().value().assign(Nd4j.createFromArray(new double[][] {{0.1, -0.2, 0.3}}));
    INDArray x = Nd4j.randn(DataType.DOUBLE, 5, 4);
    INDArray weights = Nd4j.randn(DataType.DOUBLE, 5, 3);
    Supplier<Double> loss = () -> layer.forward(x, Mode.TRAIN).mul(weights).sumNumber().doubleValue();
    layer.forward(x, Mode.TRAIN);
    INDArray dx = layer.backward(weights, true, true);
    List<INDArray> analytic = layer.parameters().stream().map(p -> p.gradient().dup()).toList();
    assertEquals(trainScale ? 3 : 2, analytic.size());
    GradientCheck.check("input", x, dx, loss);
    for (int i = 0; i < analytic.size(); i++) {
      Parameter p = layer.parameters().get(i);
      GradientCheck.check(p.name(), p.value(), analytic.get(i), loss);
    }
  }

  @Test void columnsHaveNormG() {
    Nd4j.getRandom().setSeed(5);
    var layer = new WeightNormDense(6, 2, true);
    layer.scale().value().assign(Nd4j.createFromArray(new double[][] {{3.0, 0.5}}));
    INDArray norms = org.nd4j.linalg.ops.transforms.Transforms.sqrt(layer.weights().mul(layer.weights()).sum(0), false);
    assertEquals(3.0, norms.getDouble(0), 1e-12);
    assertEquals(0.5, norms.getDouble(1), 1e-12);
  }

  @Test void dataDependentInitialisationStandardisesPreActivations() {
    Nd4j.getRandom().setSeed(6);
    var net = new Sequential("D", new WeightNormDense(8, 5, false), new Relu(), new WeightNormDense(5, 3, true));
    INDArray x = Nd4j.randn(DataType.DOUBLE, 200, 8).muli(3).addi(2);
    WeightNormDense.initialise(net, x);
    INDArray t = net.layers().get(0).forward(x, Mode.EVAL);
    for (int j = 0; j < 5; j++) {
      assertEquals(0, t.getColumn(j).meanNumber().doubleValue(), 1e-9);
      assertEquals(1, Math.sqrt(t.getColumn(j).mul(t.getColumn(j)).meanNumber().doubleValue()), 1e-7);
    }
    INDArray out = net.apply(x);
    for (int j = 0; j < 3; j++) assertEquals(0, out.getColumn(j).meanNumber().doubleValue(), 1e-9);
  }
}
