package org.ganbook.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class PaperMnistTest {
  @Test void theNetworksOfMnistYaml() {
    Nd4j.getRandom().setSeed(1);
    // Stand-in "images": pixel j has mean j / 784, so the initial biases can be checked.
    var images = Nd4j.linspace(0, 1, 784, DataType.FLOAT).reshape(1, 784).repeat(0, 10);
    var g = PaperMnist.generator(images);
    var d = PaperMnist.discriminator();
    assertEquals(100 * 1200 + 1200 + 1200 * 1200 + 1200 + 1200 * 784 + 784, g.parameterCount());
    assertEquals(784 * 1200 + 1200 + 240 * 1200 + 1200 + 240 + 1, d.parameterCount());

    var z = PaperMnist.noise().sample(100);
    assertArrayEquals(new long[] {100, 100}, z.shape());
    assertTrue(z.maxNumber().doubleValue() <= Math.sqrt(3) && z.minNumber().doubleValue() >= -Math.sqrt(3));
    assertEquals(1.0, z.varNumber().doubleValue(), 0.05, "p_z has unit variance");

    var x = g.apply(z);
    assertArrayEquals(new long[] {100, 784}, x.shape());
    // G starts at the data's mean brightness per pixel (the sigmoid biases are the marginals' logits).
    double mid = x.getColumn(392).meanNumber().doubleValue();
    assertEquals(392.0 / 783, mid, 0.05);
    assertArrayEquals(new long[] {100, 1}, d.apply(x).shape());
  }
}
