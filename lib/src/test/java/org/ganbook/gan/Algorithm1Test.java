package org.ganbook.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.CancellationException;
import org.ganbook.data.Sampler;
import org.ganbook.data.Toy;
import org.ganbook.loss.GeneratorLoss;
import org.ganbook.nn.Dense;
import org.ganbook.nn.Init;
import org.ganbook.nn.LeakyRelu;
import org.ganbook.nn.Sequential;
import org.ganbook.nn.Tanh;
import org.ganbook.optim.Adam;
import org.ganbook.optim.Optimizer;
import org.ganbook.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Algorithm 1 on 1-D Gaussian data p_data = N(4, 0.5^2), with z ~ N(0, 1). */
class Algorithm1Test {
  static final double MU = 4, SIGMA = 0.5;
  static final Sampler P_DATA = m -> Nd4j.randn(DataType.FLOAT, m, 1).muli(SIGMA).addi(MU);
  static final Sampler P_Z = m -> Nd4j.randn(DataType.FLOAT, m, 1);

  static Algorithm1 gan(long seed, GeneratorLoss loss, int k) {
    Nd4j.getRandom().setSeed(seed);
    var g = new Sequential("G", new Dense(1, 16, Init.glorot()), new Tanh(), new Dense(16, 1, Init.glorot()));
    var d = new Sequential("D", new Dense(1, 32, Init.glorot()), new LeakyRelu(0.2),
        new Dense(32, 32, Init.glorot()), new LeakyRelu(0.2), new Dense(32, 1, Init.glorot()));
    return new Algorithm1(g, d, P_DATA, P_Z, new Adam(1e-3, 0.5), new Adam(1e-3, 0.5), new GanConfig(k, 64, loss, seed));
  }

  /** JSD between p_data and the histogram of G's samples, on bins of width 0.1 over [0, 8]. */
  static double jsdToData(Sequential g) {
    Nd4j.getRandom().setSeed(99);
    double[] x = g.apply(P_Z.sample(50_000)).toDoubleVector();
    int bins = 80;
    double[] pg = new double[bins], pd = new double[bins];
    for (double v : x) if (v >= 0 && v < 8) pg[(int) (v / 0.1)] += 1.0 / x.length;
    double jsd = 0;
    for (int b = 0; b < bins; b++) {
      double lo = b * 0.1, hi = lo + 0.1;
      pd[b] = normalCdf((hi - MU) / SIGMA) - normalCdf((lo - MU) / SIGMA);
      double mix = (pd[b] + pg[b]) / 2;
      if (pd[b] > 0) jsd += 0.5 * pd[b] * Math.log(pd[b] / mix);
      if (pg[b] > 0) jsd += 0.5 * pg[b] * Math.log(pg[b] / mix);
    }
    double outside = 1 - java.util.Arrays.stream(pg).sum(); // mass G put off the grid counts fully
    return jsd + 0.5 * outside * Math.log(2);
  }

  static double normalCdf(double t) { return 0.5 * (1 + erf(t / Math.sqrt(2))); }

  static double erf(double x) { // Abramowitz-Stegun 7.1.26, |error| < 1.5e-7
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
    return Math.copySign(y, x);
  }

  @Test void learnsTheDataDistribution() {
    // GAN training oscillates: this seed is one where 2,000 iterations settle (JSD 0.020 when written).
    Algorithm1 gan = gan(1, GeneratorLoss.NON_SATURATING, 1);
    double before = jsdToData(gan.generator());
    gan.train(2000);
    double after = jsdToData(gan.generator());
    assertTrue(before > 0.6, "an untrained G is far from p_data: JSD " + before);
    assertTrue(after < 0.05, "JSD(p_data, p_g) after 2000 iterations: " + after);
    // At the equilibrium D cannot tell: D(x) ~ D(G(z)) ~ 1/2.
    double dx = java.util.Arrays.stream(gan.history().column("mean_D_x")).skip(1900).average().orElseThrow();
    double dgz = java.util.Arrays.stream(gan.history().column("mean_D_G_z")).skip(1900).average().orElseThrow();
    assertEquals(0.5, dx, 0.1);
    assertEquals(0.5, dgz, 0.1);
  }

  @Test void reconfigureTakesEffectAtTheNextIteration() {
    Nd4j.getRandom().setSeed(3);
    var g = new Sequential("G", new Dense(1, 8, Init.glorot()), new Tanh(), new Dense(8, 1, Init.glorot()));
    var d = new Sequential("D", new Dense(1, 8, Init.glorot()), new LeakyRelu(0.2), new Dense(8, 1, Init.glorot()));
    var asked = new ArrayList<Integer>();   // the m of every draw from p_data: one per D step
    Sampler counting = m -> { asked.add(m); return P_DATA.sample(m); };
    var gan = new Algorithm1(g, d, counting, P_Z, new Adam(1e-3, 0.5), new Adam(1e-3, 0.5),
        new GanConfig(1, 64, GeneratorLoss.NON_SATURATING, 3));
    // What a slider's observer does, here between iterations 5 and 6: k = 3, m = 16, the saturating loss.
    gan.observe(5, p -> {
      if (p.iteration() == 4) gan.reconfigure(gan.config().withK(3).withM(16).with(GeneratorLoss.SATURATING));
    });
    gan.train(8);
    var expected = new ArrayList<Integer>();
    for (int i = 0; i < 5; i++) expected.add(64);
    for (int i = 0; i < 3 * 3; i++) expected.add(16);
    assertEquals(expected, asked);
    assertEquals(GeneratorLoss.SATURATING, gan.config().generatorLoss());
    var otherSeed = assertThrows(IllegalArgumentException.class, () -> gan.reconfigure(gan.config().withSeed(4)));
    assertTrue(otherSeed.getMessage().contains("keeps its seed 3"), otherSeed.getMessage());
    assertThrows(IllegalArgumentException.class, () -> gan.reconfigure(gan.config().withK(0)));
  }

  @Test void sameSeedSameHistory() {
    var a = gan(7, GeneratorLoss.SATURATING, 2).train(30);
    var b = gan(7, GeneratorLoss.SATURATING, 2).train(30);
    for (String c : History.COLUMNS) assertArrayEquals(a.column(c), b.column(c), 0, c);
    var other = gan(8, GeneratorLoss.SATURATING, 2).train(30);
    assertFalse(java.util.Arrays.equals(a.column("loss_D"), other.column("loss_D")));
  }

  @Test void theHistorysGradientNormsAreTheNetworksWhoeverSumsThem() {
    for (boolean sgd : new boolean[] {true, false}) {
      Nd4j.getRandom().setSeed(5);
      var g = new Sequential("G", new Dense(1, 16, Init.glorot()), new Tanh(), new Dense(16, 1, Init.glorot()));
      var d = new Sequential("D", new Dense(1, 32, Init.glorot()), new LeakyRelu(0.2), new Dense(32, 1, Init.glorot()));
      // SGD sums the norms in its update pass; Adam does not, so the trainer sums them itself.
      Optimizer optimizerD = sgd ? new Sgd(0.01) : new Adam(1e-3, 0.5), optimizerG = sgd ? new Sgd(0.01) : new Adam(1e-3, 0.5);
      var history = new Algorithm1(g, d, P_DATA, P_Z, optimizerD, optimizerG, new GanConfig(1, 64, GeneratorLoss.NON_SATURATING, 5)).train(3);
      double[] normD = history.column("grad_norm_D"), normG = history.column("grad_norm_G");
      String what = sgd ? "SGD" : "Adam";
      assertEquals(d.gradientNorm(), normD[2], 1e-5 * normD[2], what + ": D");
      assertEquals(g.gradientNorm(), normG[2], 1e-5 * normG[2], what + ": G");
      assertTrue(normD[2] > 0 && normG[2] > 0);
      assertEquals(sgd, optimizerD.lastGradientNorm() == normD[2] && optimizerG.lastGradientNorm() == normG[2],
          what + ": the history took the optimizers' own sums " + (sgd ? "" : "(Adam has none)"));
    }
  }

  /** Notebook 02's 1-D GAN, with p_data and p_z given as they are or wrapped in the lambdas it used to need. */
  static Algorithm1 toyGan(Sampler pData, Sampler pZ) {
    Nd4j.getRandom().setSeed(4);
    var g = new Sequential("G", new Dense(1, 8, Init.glorot()), new Tanh(), new Dense(8, 1, Init.glorot()));
    var d = new Sequential("D", new Dense(1, 8, Init.glorot()), new LeakyRelu(0.2), new Dense(8, 1, Init.glorot()));
    return new Algorithm1(g, d, pData, pZ, new Adam(2e-3, 0.5), new Adam(2e-3, 0.5),
        new GanConfig(2, 64, GeneratorLoss.NON_SATURATING, 4));
  }

  @Test void toyDistributionsAreSamplersAsTheyStand() {
    var wrapped = toyGan(m -> Toy.gaussian(2, 0.5).sample(m, Nd4j.getRandom()),
        m -> Toy.uniform(-1, 1).sample(m, 1, Nd4j.getRandom())).train(15);
    var direct = toyGan(Toy.gaussian(2, 0.5), Toy.uniform(-1, 1)).train(15);
    for (String c : History.COLUMNS) assertArrayEquals(wrapped.column(c), direct.column(c), 0, c);
  }

  @Test void aSamplerThatIgnoresMIsNamed() {
    var gan = toyGan(m -> Toy.gaussian(2, 0.5).sample(m + 1), Toy.uniform(-1, 1));
    var e = assertThrows(IllegalArgumentException.class, () -> gan.train(1));
    assertEquals("a minibatch has m = 64 rows, but p_data gave [65, 1] and G(z) is [64, 1]", e.getMessage());
  }

  @Test void checkpointResumesExactly(@TempDir Path dir) throws Exception {
    var straight = gan(3, GeneratorLoss.NON_SATURATING, 1);
    straight.train(40);

    var first = gan(3, GeneratorLoss.NON_SATURATING, 1);
    first.train(20);
    Path file = dir.resolve("gan.zip");
    first.save(file);
    Nd4j.getRandom().setSeed(12345); // whatever happens in between must not matter
    var resumed = gan(999, GeneratorLoss.NON_SATURATING, 1);
    resumed.restore(file);
    assertEquals(20, resumed.iteration());
    resumed.train(20);

    for (String c : History.COLUMNS) assertArrayEquals(straight.history().column(c), resumed.history().column(c), 0, c);
    assertEquals(straight.generator().parameters().get(0).value(), resumed.generator().parameters().get(0).value());
    try (var files = Files.list(dir)) { assertEquals(1, files.count(), "no temporary file is left behind"); }
  }

  @Test void observerSeesProgress() {
    var seen = new ArrayList<Long>();
    var gan = gan(1, GeneratorLoss.NON_SATURATING, 1).observe(10, p -> seen.add(p.iteration()));
    gan.train(25);
    assertEquals(java.util.List.of(9L, 19L, 24L), seen);
  }

  @Test void whatOutlivesAnIterationIsOutsideItsMemory() {
    var kept = new ArrayList<INDArray>();
    var copies = new ArrayList<INDArray>();
    var gan = gan(1, GeneratorLoss.NON_SATURATING, 1);
    gan.observe(5, p -> {
      INDArray samples = gan.generator().apply(P_Z.sample(8));
      kept.add(samples);
      copies.add(samples.dup());
    });
    gan.train(20);
    assertEquals(4, kept.size());
    // Observers run between iterations: what they make is theirs, and later iterations leave it be.
    for (int i = 0; i < kept.size(); i++) assertEquals(copies.get(i), kept.get(i), "array kept at observation " + i);
    for (var net : java.util.List.of(gan.generator(), gan.discriminator())) {
      for (var p : net.parameters()) {
        assertFalse(p.value().isAttached(), p.name() + " lives outside the iteration memory");
        assertFalse(p.gradient().isAttached(), p.name() + " gradient lives outside the iteration memory");
      }
    }
    assertFalse(Nd4j.getWorkspaceManager().anyWorkspaceActiveForCurrentThread(), "train leaves no workspace open");
  }

  @Test void divergenceStopsWithTheIterationAndNetwork() {
    Nd4j.getRandom().setSeed(1);
    var g = new Sequential("G", new Dense(1, 8, Init.glorot()), new LeakyRelu(0.2), new Dense(8, 1, Init.glorot()));
    var d = new Sequential("D", new Dense(1, 8, Init.glorot()), new LeakyRelu(0.2), new Dense(8, 1, Init.glorot()));
    Sampler exploding = m -> Nd4j.valueArrayOf(new long[] {m, 1}, Float.NaN, DataType.FLOAT);
    var gan = new Algorithm1(g, d, exploding, P_Z, new Sgd(0.1), new Sgd(0.1), new GanConfig(1, 8, GeneratorLoss.NON_SATURATING, 1));
    var e = assertThrows(TrainingDivergedException.class, () -> gan.train(5));
    assertEquals(0, e.iteration());
    assertTrue(e.getMessage().contains("iteration 0") && e.getMessage().contains("D's loss"), e.getMessage());
  }

  @Test void interruptStopsTrainingAndKeepsState() {
    var gan = gan(1, GeneratorLoss.NON_SATURATING, 1)
        .observe(5, p -> { if (p.iteration() == 9) Thread.currentThread().interrupt(); });
    assertThrows(CancellationException.class, () -> gan.train(1000));
    assertEquals(10, gan.iteration());
    gan.train(5);
    assertEquals(15, gan.history().size());
  }

  @Test void refusesBadHyperParameters() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new GanConfig(0, 100, GeneratorLoss.SATURATING, 1))
        .getMessage().contains("k"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new GanConfig(1, 0, GeneratorLoss.SATURATING, 1))
        .getMessage().contains("m (minibatch size)"));
  }

  @Test void shapeMismatchNamesTheLayerAndShapes() {
    var d = new Sequential("D", new Dense(784, 10, Init.glorot()), new LeakyRelu(0.2), new Dense(10, 1, Init.glorot()));
    INDArray wrong = Nd4j.zeros(DataType.FLOAT, 100, 785);
    var e = assertThrows(IllegalArgumentException.class, () -> d.apply(wrong));
    assertTrue(e.getMessage().contains("D.0") && e.getMessage().contains("[m, 784]") && e.getMessage().contains("[100, 785]"), e.getMessage());
  }
}
