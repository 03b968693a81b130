package org.ganbook.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.ganbook.data.Sampler;
import org.ganbook.loss.DiscriminatorCost;
import org.ganbook.loss.GeneratorLoss;
import org.ganbook.nn.Dense;
import org.ganbook.nn.Init;
import org.ganbook.nn.Sequential;
import org.ganbook.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The paper's code against Algorithm 1 as printed, on networks small enough to differentiate by
 * hand: G(z) = u z + c and D's logit a(x) = w x + b, plain SGD with learning rate 0.1, fixed
 * minibatches x = (1, 2) and z = (0.5, -1).
 */
class PaperCodeUpdateTest {
  static final double LR = 0.1, U = 0.8, C = 0.3, W = 0.6, B = -0.2;
  static final double[] X = {1, 2}, Z = {0.5, -1};

  static Algorithm1 gan(GanConfig.Update update, DiscriminatorCost cost) {
    var g = new Sequential("G", new Dense(1, 1, Init.uniform(0.1)));
    var d = new Sequential("D", new Dense(1, 1, Init.uniform(0.1)));
    g.parameters().get(0).value().assign(U);
    g.parameters().get(1).value().assign(C);
    d.parameters().get(0).value().assign(W);
    d.parameters().get(1).value().assign(B);
    Sampler pData = m -> Nd4j.createFromArray(X).reshape(2, 1).castTo(DataType.FLOAT);
    Sampler pZ = m -> Nd4j.createFromArray(Z).reshape(2, 1).castTo(DataType.FLOAT);
    return new Algorithm1(g, d, pData, pZ, new Sgd(LR), new Sgd(LR),
        new GanConfig(1, 2, GeneratorLoss.NON_SATURATING, 1, update, cost));
  }

  static double sigmoid(double a) { return 1 / (1 + Math.exp(-a)); }

  /** dCost/d(w, b) for -V = mean softplus(-a(x)) + mean softplus(a(G(z))), times scale. */
  static double[] gradientD(double w, double b, double[] fake, double scale) {
    double gw = 0, gb = 0;
    for (double x : X) { double s = sigmoid(w * x + b) - 1; gw += s * x / X.length; gb += s / X.length; }
    for (double f : fake) { double s = sigmoid(w * f + b); gw += s * f / fake.length; gb += s / fake.length; }
    return new double[] {scale * gw, scale * gb};
  }

  /** dLoss/d(u, c) for G's loss mean softplus(-a(G(z))) through D with weights (w, b). */
  static double[] gradientG(double u, double c, double w, double b) {
    double gu = 0, gc = 0;
    for (double z : Z) {
      double dx = (sigmoid(w * (u * z + c) + b) - 1) * w / Z.length;
      gu += dx * z;
      gc += dx;
    }
    return new double[] {gu, gc};
  }

  static double[] fake(double u, double c) { return new double[] {u * Z[0] + c, u * Z[1] + c}; }

  static double[] values(Sequential net) {
    return new double[] {net.parameters().get(0).value().getDouble(0), net.parameters().get(1).value().getDouble(0)};
  }

  @Test void meanCrossEntropyHalvesDsStep() {
    double[] fake = fake(U, C);
    for (var cost : DiscriminatorCost.values()) {
      var gan = gan(GanConfig.Update.ALTERNATING, cost);
      gan.train(1);
      double[] g = gradientD(W, B, fake, cost.scale());
      assertArrayEquals(new double[] {W - LR * g[0], B - LR * g[1]}, values(gan.discriminator()), 1e-6, cost.toString());
      // The history reports -V whichever cost D descends.
      double minusV = 0;
      for (double x : X) minusV += Math.log1p(Math.exp(-(W * x + B))) / X.length;
      for (double f : fake) minusV += Math.log1p(Math.exp(W * f + B)) / fake.length;
      assertEquals(minusV, gan.history().column("loss_D")[0], 1e-6);
    }
    assertEquals(0.5, DiscriminatorCost.MEAN_CROSS_ENTROPY.scale());
  }

  @Test void simultaneousUpdateDifferentiatesGThroughDBeforeItsStep() {
    var gan = gan(GanConfig.Update.SIMULTANEOUS, DiscriminatorCost.MEAN_CROSS_ENTROPY);
    gan.train(1);
    double[] gd = gradientD(W, B, fake(U, C), 0.5);
    double[] gg = gradientG(U, C, W, B);
    assertArrayEquals(new double[] {W - LR * gd[0], B - LR * gd[1]}, values(gan.discriminator()), 1e-6);
    assertArrayEquals(new double[] {U - LR * gg[0], C - LR * gg[1]}, values(gan.generator()), 1e-6);
  }

  @Test void alternatingUpdateDifferentiatesGThroughTheUpdatedD() {
    var gan = gan(GanConfig.Update.ALTERNATING, DiscriminatorCost.MINUS_V);
    gan.train(1);
    double[] gd = gradientD(W, B, fake(U, C), 1.0);
    double w1 = W - LR * gd[0], b1 = B - LR * gd[1];
    double[] gg = gradientG(U, C, w1, b1);
    assertArrayEquals(new double[] {U - LR * gg[0], C - LR * gg[1]}, values(gan.generator()), 1e-6);
    // and not through D before its step: the two rules differ here by more than the tolerance
    double[] before = gradientG(U, C, W, B);
    assertTrue(Math.abs(LR * (before[0] - gg[0])) > 1e-4);
  }

  @Test void simultaneousNeedsOneStepOfEach() {
    var e = assertThrows(IllegalArgumentException.class, () -> new GanConfig(2, 100, GeneratorLoss.NON_SATURATING, 1,
        GanConfig.Update.SIMULTANEOUS, DiscriminatorCost.MINUS_V));
    assertTrue(e.getMessage().contains("k must be 1"), e.getMessage());
    var code = GanConfig.paperCode(4);
    assertEquals(GanConfig.Update.SIMULTANEOUS, code.update());
    assertEquals(DiscriminatorCost.MEAN_CROSS_ENTROPY, code.discriminatorCost());
    assertEquals(100, code.m());
  }

  @Test void epochSamplerVisitsEveryRowOncePerEpochAndResumes(@TempDir Path dir) throws Exception {
    var data = Nd4j.arange(10).reshape(10, 1).castTo(DataType.FLOAT);
    var a = new EpochSampler(data, 5);
    int[] seen = new int[10];
    for (int i = 0; i < 5; i++) for (double v : a.sample(2).toDoubleVector()) seen[(int) v]++;
    for (int c : seen) assertEquals(1, c, "each row once in the first epoch");
    double[] next = a.sample(4).toDoubleVector();
    var b = new EpochSampler(data, 5);
    b.seek(10);
    assertArrayEquals(next, b.sample(4).toDoubleVector(), 0, "seek resumes the same order");
    assertEquals(1.4, b.epochs(), 1e-12);
  }
}
