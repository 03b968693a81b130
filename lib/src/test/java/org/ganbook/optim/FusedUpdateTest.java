package org.ganbook.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.ganbook.loops.Loops;
import org.ganbook.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The optimizers' one-pass Java updates ({@link Loops}) against the ND4J ops they replace: the same
 * parameters, gradients and steps, the same values within float rounding.
 */
class FusedUpdateTest {
  private static final int STEPS = 30;

  /** A matrix spanning several chunks and a bias row, as a layer's parameters. */
  private static List<Parameter> parameters(long seed) {
    Nd4j.getRandom().setSeed(seed);
    return List.of(new Parameter("W", Nd4j.randn(DataType.FLOAT, 240, 300)), new Parameter("b", Nd4j.randn(DataType.FLOAT, 1, 300)));
  }

  /** Runs STEPS steps of a fresh optimizer on fresh parameters, with gradients drawn from the seed. */
  private static List<Parameter> train(Supplier<Optimizer> make, ExponentialMovingAverage[] average) {
    List<Parameter> ps = parameters(7);
    Optimizer optimizer = make.get();
    var ema = new ExponentialMovingAverage(ps, 0.99);
    Nd4j.getRandom().setSeed(8);
    for (int t = 0; t < STEPS; t++) {
      for (Parameter p : ps) p.gradient().assign(Nd4j.randn(DataType.FLOAT, p.value().shape()).muli(t % 3 == 0 ? 1e-3 : 1));
      optimizer.step(ps);
      ema.update();
    }
    average[0] = ema;
    return ps;
  }

  private static void assertSameUpdates(Supplier<Optimizer> make) {
    var fusedAverage = new ExponentialMovingAverage[1];
    var ndAverage = new ExponentialMovingAverage[1];
    assertTrue(Loops.available(parameters(1).get(0).value()), "the loops are on in this test JVM");
    List<Parameter> fused = train(make, fusedAverage);
    List<Parameter> nd = Loops.ndOnly(() -> train(make, ndAverage));
    for (int i = 0; i < fused.size(); i++) {
      assertClose(nd.get(i).value(), fused.get(i).value(), make.get() + " " + nd.get(i));
      assertClose(ndAverage[0].averages().get(i), fusedAverage[0].averages().get(i), "moving average of " + nd.get(i));
    }
    assertTrue(nd.get(0).value().sub(parameters(7).get(0).value()).norm2Number().doubleValue() > 0.01, "the parameters moved");
  }

  private static void assertClose(INDArray expected, INDArray actual, String what) {
    double scale = expected.norm2Number().doubleValue() / Math.sqrt(expected.length());
    double worst = expected.sub(actual).amaxNumber().doubleValue();
    assertEquals(0, worst, 2e-6 * scale, what + ": largest difference " + worst + " at an rms of " + scale);
  }

  @Test void adamOutsideTheRoot() { assertSameUpdates(() -> new Adam(0.003, 0.5)); }

  @Test void adamInsideTheRoot() { assertSameUpdates(() -> Adam.improvedGan(0.003, 0.5)); }

  @Test void sgdWithMomentum() { assertSameUpdates(() -> Sgd.paperMnist(250)); }

  @Test void sgdsPassSumsTheGradientNormThatItRead() {
    List<Parameter> ps = parameters(9);
    for (Parameter p : ps) p.gradient().assign(Nd4j.randn(DataType.FLOAT, p.value().shape()));
    double expected = Math.sqrt(ps.stream().mapToDouble(p -> p.gradient().castTo(DataType.DOUBLE).norm2Number().doubleValue()).map(x -> x * x).sum());
    var sgd = Sgd.paperMnist(250);
    assertTrue(Double.isNaN(sgd.lastGradientNorm()), "no step yet");
    sgd.step(ps);
    assertEquals(expected, sgd.lastGradientNorm(), 1e-6 * expected);
    var ndSgd = Sgd.paperMnist(250);
    Loops.ndOnly(() -> {
      ndSgd.step(ps);
      return null;
    });
    assertTrue(Double.isNaN(ndSgd.lastGradientNorm()), "ND4J's ops sum nothing: the trainer sums the norm itself");
  }
}
