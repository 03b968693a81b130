package org.ganbook.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchNormTest {
  private static DataType previous;

  @BeforeAll static void useDoubles() {
    previous = Nd4j.defaultFloatingPointType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @AfterAll static void restore() { Nd4j.setDefaultDataTypes(previous, previous); }

  @ParameterizedTest(name = "scale {0}")
  @ValueSource(booleans = {true, false})
  void backwardMatchesFiniteDifferences(boolean scale) {
    Nd4j.getRandom().setSeed(8);
    var layer = new BatchNorm(3, scale);
    layer.parameters().forEach(p -> p.value().assign(Nd4j.randn(DataType.DOUBLE, p.value().shape())));
    INDArray x = Nd4j.randn(DataType.DOUBLE, 6, 3).muli(2).addi(1);
    INDArray weights = Nd4j.randn(DataType.DOUBLE, 6, 3);
    Supplier<Double> loss = () -> layer.forward(x, Mode.TRAIN).mul(weights).sumNumber().doubleValue();
    layer.forward(x, Mode.TRAIN);
    INDArray dx = layer.backward(weights, true, true);
    List<INDArray> analytic = layer.parameters().stream().map(p -> p.gradient().dup()).toList();
    GradientCheck.check("input", x, dx, loss);
    for (int i = 0; i < analytic.size(); i++) {
      Parameter p = layer.parameters().get(i);
      GradientCheck.check(p.name(), p.value(), analytic.get(i), loss);
    }
  }

  @Test void trainingOutputIsStandardisedAndEvaluationUsesRunningAverages() {
    Nd4j.getRandom().setSeed(9);
    var layer = new BatchNorm(2, false);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 1000, 2).muli(3).addi(5);
    INDArray y = layer.forward(x, Mode.TRAIN);
    assertEquals(0, y.getColumn(0).meanNumber().doubleValue(), 1e-9);
    assertEquals(1, y.getColumn(1).stdNumber(false).doubleValue(), 1e-6);
    for (int i = 0; i < 200; i++) layer.forward(x, Mode.TRAIN);
    INDArray e = layer.forward(x, Mode.EVAL);
    assertEquals(0, e.getColumn(0).meanNumber().doubleValue(), 1e-2);
    assertEquals(1, e.getColumn(1).stdNumber(false).doubleValue(), 1e-2);
  }

  @Test void generatingUsesTheBatchStatisticsAndLeavesTheRunningAveragesAlone() {
    Nd4j.getRandom().setSeed(10);
    var layer = new BatchNorm(2, false);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 500, 2).muli(3).addi(5);
    INDArray mean = layer.runningMean().dup(), var = layer.runningVar().dup();
    INDArray g = layer.forward(x, Mode.GENERATE);
    assertEquals(mean, layer.runningMean());
    assertEquals(var, layer.runningVar());
    assertEquals(0, g.getColumn(0).meanNumber().doubleValue(), 1e-9);
    assertEquals(1, g.getColumn(1).stdNumber(false).doubleValue(), 1e-6);
    assertEquals(layer.forward(x, Mode.TRAIN), g);
  }
}
