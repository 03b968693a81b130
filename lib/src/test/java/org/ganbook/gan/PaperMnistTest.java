package org.ganbook.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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

    // pylearn2 clips the marginals to [1e-7, 1 - 1e-7]: pixel 0 (mean 0) and pixel 783 (mean 1).
    INDArray bias = ((org.ganbook.nn.Dense) g.layers().get(4)).bias().value();
    assertEquals(-16.118, bias.getDouble(0), 1e-3);
    assertEquals(16.118, bias.getDouble(783), 1e-3);

    var x = g.apply(z);
    assertArrayEquals(new long[] {100, 784}, x.shape());
    // G starts at the data's mean brightness per pixel (the sigmoid biases are the marginals' logits).
    double mid = x.getColumn(392).meanNumber().doubleValue();
    assertEquals(392.0 / 783, mid, 0.05);
    assertArrayEquals(new long[] {100, 1}, d.apply(x).shape());
  }

  @Test void pZIsTheYamlsUniformAndTheGaussianAlternativeIsUnbounded() {
    Nd4j.getRandom().setSeed(2);
    var u = PaperMnist.noise().sample(1000);
    assertTrue(u.maxNumber().doubleValue() <= Math.sqrt(3) && u.minNumber().doubleValue() >= -Math.sqrt(3));
    assertEquals(1.0, u.varNumber().doubleValue(), 0.02);
    // Fourth moments: 1.8 for U(-sqrt 3, sqrt 3), 3 for N(0, 1); and N(0, 1) puts 8.3% of its
    // draws beyond sqrt 3. 100,000 draws tell them apart by tens of standard errors.
    assertEquals(1.8, Transforms.pow(u, 4).meanNumber().doubleValue(), 0.05);
    var z = PaperMnist.gaussianNoise().sample(1000).reshape(-1);
    double beyond = Transforms.abs(z).gt(Math.sqrt(3)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    assertEquals(0.0833, beyond, 0.005);
    assertEquals(3.0, Transforms.pow(z, 4).meanNumber().doubleValue(), 0.1);
  }

  @Test void seededNetworksAreTheSameInAnyThread() throws Exception {
    var images = Nd4j.rand(DataType.FLOAT, 10, 784);
    var here = PaperMnist.discriminator(7).parameters().get(0).value();
    var other = new java.util.concurrent.atomic.AtomicReference<org.nd4j.linalg.api.ndarray.INDArray>();
    var thread = new Thread(() -> other.set(PaperMnist.discriminator(7).parameters().get(0).value()));
    thread.start();
    thread.join();
    assertEquals(here, other.get());
    assertEquals(PaperMnist.generator(images, 3).parameters().get(0).value(),
        PaperMnist.generator(images, 3).parameters().get(0).value());
  }
}
