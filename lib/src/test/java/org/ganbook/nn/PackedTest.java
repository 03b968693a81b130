package org.ganbook.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** PacGAN's packing: the same network on each of p examples of a row, and its backward pass. */
class PackedTest {
  private static DataType previous;

  @BeforeAll static void useDoubles() {
    previous = Nd4j.defaultFloatingPointType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @AfterAll static void restore() { Nd4j.setDefaultDataTypes(previous, previous); }

  static Sequential inner() {
    return new Sequential("G", new Dense(3, 4, Init.glorot()), new Tanh(), new Dense(4, 2, Init.glorot()));
  }

  @Test void packThenUnpackIsTheIdentity() {
    INDArray rows = Nd4j.arange(12).castTo(DataType.DOUBLE).reshape(6, 2);
    INDArray packed = Packed.pack(rows, 3);
    assertEquals(Nd4j.createFromArray(new double[][] {{0, 1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11}}), packed);
    assertEquals(rows, Packed.unpack(packed, 3));
    assertThrows(IllegalArgumentException.class, () -> Packed.pack(rows, 4));
  }

  @Test void eachSlotGoesThroughTheSameNetwork() {
    Nd4j.getRandom().setSeed(1);
    var g = inner();
    var packed = new Packed(g, 2);
    INDArray z = Nd4j.randn(DataType.DOUBLE, 5, 6);
    INDArray y = packed.forward(z, Mode.EVAL);
    assertEquals(5, y.rows());
    assertEquals(4, y.columns());
    for (int slot = 0; slot < 2; slot++) {
      INDArray zs = z.get(NDArrayIndex.all(), NDArrayIndex.interval(3 * slot, 3 * slot + 3));
      INDArray ys = y.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * slot, 2 * slot + 2));
      assertEquals(g.apply(zs.dup()), ys.dup());
    }
  }

  @Test void backwardMatchesFiniteDifferences() {
    Nd4j.getRandom().setSeed(2);
    var layer = new Packed(inner(), 3);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 4, 9);
    INDArray weights = Nd4j.randn(DataType.DOUBLE, 4, 6);
    Supplier<Double> loss = () -> layer.forward(x, Mode.TRAIN).mul(weights).sumNumber().doubleValue();
    layer.forward(x, Mode.TRAIN);
    INDArray dx = layer.backward(weights, true, true);
    List<INDArray> analytic = layer.parameters().stream().map(p -> p.gradient().dup()).toList();
    GradientCheck.check("packed input", x, dx, loss);
    for (int i = 0; i < analytic.size(); i++) {
      Parameter p = layer.parameters().get(i);
      GradientCheck.check("packed " + p.name(), p.value(), analytic.get(i), loss);
    }
  }
}
