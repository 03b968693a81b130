package org.ganbook.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every layer's backward pass against central finite differences, in double precision. */
class LayerGradientTest {
  private static DataType previous;

  @BeforeAll static void useDoubles() {
    previous = Nd4j.defaultFloatingPointType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @AfterAll static void restore() { Nd4j.setDefaultDataTypes(previous, previous); }

  record Case(String name, Supplier<Layer> layer, long in) {
    @Override public String toString() { return name; }
  }

  static Stream<Case> layers() {
    return Stream.of(
        new Case("Dense", () -> new Dense(4, 3, Init.uniform(0.5)), 4),
        new Case("Maxout", () -> new Maxout(4, 3, 5, Init.uniform(0.5)), 4),
        new Case("Relu", Relu::new, 4),
        new Case("LeakyRelu", () -> new LeakyRelu(0.2), 4),
        new Case("Sigmoid", Sigmoid::new, 4),
        new Case("Tanh", Tanh::new, 4),
        new Case("Softplus", Softplus::new, 4),
        new Case("Dropout", () -> new Dropout(0.5), 4),
        new Case("GaussianNoise", () -> new GaussianNoise(0.3), 4),
        new Case("Sequential", () -> new Sequential("D",
            new Dropout(0.8), new Maxout(4, 3, 2, Init.uniform(0.5)), new Dropout(0.5),
            new Dense(3, 2, Init.glorot()), new Tanh(), new Dense(2, 1, Init.glorot())), 4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void backwardMatchesFiniteDifferences(Case c) {
    Nd4j.getRandom().setSeed(1);
    Layer layer = c.layer().get();
    INDArray x = Nd4j.randn(DataType.DOUBLE, 5, c.in());
    // The same random draws (dropout masks, noise) on every forward: reseed before each one.
    Supplier<INDArray> forward = () -> {
      Nd4j.getRandom().setSeed(7);
      return layer.forward(x, Mode.TRAIN);
    };
    INDArray y = forward.get();
    INDArray weights = Nd4j.randn(DataType.DOUBLE, y.shape());
    Supplier<Double> loss = () -> forward.get().mul(weights).sumNumber().doubleValue();

    forward.get();
    INDArray dx = layer.backward(weights, true, true);
    assertNotNull(dx);
    List<INDArray> analytic = layer.parameters().stream().map(p -> p.gradient().dup()).toList();

    GradientCheck.check(c.name() + " input", x, dx, loss);
    for (int i = 0; i < analytic.size(); i++) {
      Parameter p = layer.parameters().get(i);
      GradientCheck.check(c.name() + " " + p.name(), p.value(), analytic.get(i), loss);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void evaluationIsDeterministic(Case c) {
    Nd4j.getRandom().setSeed(1);
    Layer layer = c.layer().get();
    INDArray x = Nd4j.randn(DataType.DOUBLE, 5, c.in());
    assertEquals(layer.forward(x, Mode.EVAL), layer.forward(x, Mode.EVAL));
  }

  /** Dropout and Gaussian noise: the identity in evaluation and when generating, unbiased in training (the mean kept). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("regularisers")
  void regularisersAreTheIdentityInEvaluationAndKeepTheMeanInTraining(Case c) {
    Nd4j.getRandom().setSeed(3);
    Layer layer = c.layer().get();
    INDArray x = Nd4j.rand(DataType.DOUBLE, 400, 500).addi(0.5); // values in [0.5, 1.5), mean 1
    assertEquals(x, layer.forward(x, Mode.EVAL), c.name() + " in evaluation");
    assertEquals(x, layer.forward(x, Mode.GENERATE), c.name() + " when generating");
    INDArray y = layer.forward(x, Mode.TRAIN);
    assertNotEquals(x, y, c.name() + " in training changes its input");
    // 200,000 draws: the mean of y - x is 0 within 5 standard errors (sd at most 1.5 for dropout 0.5).
    double bias = y.sub(x).meanNumber().doubleValue();
    assertTrue(Math.abs(bias) < 5 * 1.5 / Math.sqrt(x.length()), c.name() + ": E[y] - x = " + bias);
  }

  static Stream<Case> regularisers() {
    return Stream.of(
        new Case("Dropout 0.5", () -> new Dropout(0.5), 500),
        new Case("Dropout 0.8", () -> new Dropout(0.8), 500),
        new Case("GaussianNoise 0.5", () -> new GaussianNoise(0.5), 500));
  }
}
