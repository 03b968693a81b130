package org.ganbook.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SequentialTest {
  /** The identity, recording what each backward call was asked for. */
  private static final class Probe implements Layer {
    final List<String> calls;
    final String label;

    Probe(String label, List<String> calls) { this.label = label; this.calls = calls; }

    @Override public INDArray forward(INDArray x, Mode mode) { return x; }

    @Override public INDArray backward(INDArray dy, boolean parameterGradients, boolean inputGradient) {
      calls.add(label + (inputGradient ? " dx" : " no dx"));
      return inputGradient ? dy : null;
    }

    @Override public void setName(String name) {}
  }

  @Test void parameterGradientsStopAtTheFirstLayerWithParameters() {
    List<String> calls = new ArrayList<>();
    Nd4j.getRandom().setSeed(1);
    var dense = new Dense(4, 3, Init.uniform(0.1));
    var net = new Sequential("D", new Probe("noise", calls), dense, new Probe("top", calls));
    INDArray x = Nd4j.rand(DataType.FLOAT, 5, 4), dy = Nd4j.rand(DataType.FLOAT, 5, 3);
    net.forward(x, Mode.TRAIN);

    net.backward(dy);
    assertEquals(List.of("top dx"), calls, "the layer below the dense layer is not visited");
    INDArray dW = dense.weights().gradient().dup();
    assertEquals(x.transpose().mmul(dy), dW);

    calls.clear();
    assertNotNull(net.backward(dy, true, true));
    assertEquals(List.of("top dx", "noise dx"), calls);
    assertEquals(dW, dense.weights().gradient(), "the same weight gradient either way");

    calls.clear();
    assertNull(net.backward(dy, false, false));
    assertEquals(List.of(), calls, "nothing asked, nothing computed");
  }
}
