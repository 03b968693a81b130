package org.ganbook.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ganbook.loops.Loops;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Layers whose CPU path is a Java pass ({@link Loops}) against their ND4J ops: the same values. */
class FusedLayersTest {
  @Test void maxoutForwardAndBackwardAsNd4jComputesThem() {
    Nd4j.getRandom().setSeed(2);
    var layer = new Maxout(784, 240, 5, Init.uniform(0.05));
    INDArray x = Nd4j.randn(DataType.FLOAT, 200, 784), dh = Nd4j.randn(DataType.FLOAT, 200, 240);
    assertTrue(Loops.available(x));

    INDArray h = layer.forward(x, Mode.TRAIN);
    INDArray dx = layer.backward(dh, true, true);
    INDArray dW = layer.parameters().get(0).gradient().dup(), db = layer.parameters().get(1).gradient().dup();

    INDArray[] nd = Loops.ndOnly(() -> {
      INDArray hNd = layer.forward(x, Mode.TRAIN);
      INDArray dxNd = layer.backward(dh, true, true);
      return new INDArray[] {hNd, dxNd, layer.parameters().get(0).gradient().dup(), layer.parameters().get(1).gradient().dup()};
    });
    assertEquals(nd[0], h, "h = max over pieces");
    assertEquals(0, nd[1].sub(dx).amaxNumber().doubleValue(), 1e-5, "dL/dx");
    assertEquals(0, nd[2].sub(dW).amaxNumber().doubleValue(), 1e-5, "dL/dW");
    assertEquals(0, nd[3].sub(db).amaxNumber().doubleValue(), 1e-5, "dL/db");
    double won = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.longer.CountNonZero(db)).getDouble(0);
    assertTrue(won > 0.9 * 1200, "every piece won somewhere: " + won + " of 1200 columns");
  }

  /** Runs forward and backward once with the Java passes and once with ND4J's ops, on the same layer. */
  private static void assertSameAsNd4j(Layer layer, INDArray x, INDArray dy) {
    INDArray y = layer.forward(x, Mode.TRAIN);
    INDArray dx = layer.backward(dy, true, true);
    var gradients = layer.parameters().stream().map(p -> p.gradient().dup()).toList();
    INDArray yNd = Loops.ndOnly(() -> layer.forward(x, Mode.TRAIN));
    INDArray dxNd = Loops.ndOnly(() -> layer.backward(dy, true, true));
    assertClose(yNd, y, layer + " y");
    assertClose(dxNd, dx, layer + " dL/dx");
    for (int i = 0; i < gradients.size(); i++) {
      assertClose(layer.parameters().get(i).gradient(), gradients.get(i), layer.parameters().get(i) + " gradient");
    }
  }

  private static void assertClose(INDArray expected, INDArray actual, String what) {
    double scale = Math.max(1e-6, expected.amaxNumber().doubleValue());
    assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 2e-5 * scale, what);
  }

  @Test void denseAsNd4jComputesIt() {
    Nd4j.getRandom().setSeed(3);
    var layer = new Dense(300, 170, Init.uniform(0.05));
    layer.bias().value().assign(Nd4j.randn(DataType.FLOAT, 1, 170));
    assertSameAsNd4j(layer, Nd4j.randn(DataType.FLOAT, 100, 300), Nd4j.randn(DataType.FLOAT, 100, 170));
  }

  @Test void weightNormDenseAsNd4jComputesIt() {
    for (boolean trainScale : new boolean[] {false, true}) {
      Nd4j.getRandom().setSeed(4);
      var layer = new WeightNormDense(250, 130, trainScale);
      layer.initialise(Nd4j.randn(DataType.FLOAT, 60, 250));
      assertSameAsNd4j(layer, Nd4j.randn(DataType.FLOAT, 70, 250), Nd4j.randn(DataType.FLOAT, 70, 130));
    }
  }
}
