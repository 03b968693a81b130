package org.ganbook.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ganbook.data.Mnist;
import org.ganbook.nn.BatchNorm;
import org.ganbook.nn.Dense;
import org.ganbook.nn.GaussianNoise;
import org.ganbook.nn.Init;
import org.ganbook.nn.Mode;
import org.ganbook.nn.Relu;
import org.ganbook.nn.Sequential;
import org.ganbook.nn.Sigmoid;
import org.ganbook.nn.Softplus;
import org.ganbook.nn.WeightNormDense;
import org.ganbook.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The semi-supervised trainer on a synthetic "MNIST": ten classes, each a bright block of 78
 * pixels plus noise. Small networks, so the test runs in seconds.
 */
class SemiSupervisedGanTest {
  static Mnist blocks(int n, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.rand(DataType.FLOAT, n, Mnist.PIXELS).muli(0.3);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 10;
      for (int j = 0; j < 78; j++) x.putScalar(i, 78 * y[i] + j, 0.7 + 0.3 * x.getDouble(i, 78 * y[i] + j));
    }
    return new Mnist(x, y);
  }

  static SemiSupervisedGan trainer(SemiSupervisedConfig config, Mnist labelled, Mnist unlabelled) {
    Nd4j.getRandom().setSeed(config.seed());
    var f = new Sequential("D.f", new GaussianNoise(0.3), new Dense(784, 32, Init.glorot()), new Relu(),
        new GaussianNoise(0.5), new Dense(32, 16, Init.glorot()), new Relu());
    var head = new Sequential("D.head", new Dense(16, 10, Init.glorot()));
    var g = new Sequential("G", new Dense(100, 32, Init.glorot()), new Relu(), new Dense(32, 784, Init.glorot()), new Sigmoid());
    return new SemiSupervisedGan(g, f, head, labelled, unlabelled.images(), ImprovedGanMnist.noise(),
        new Adam(0.003, 0.5), new Adam(0.003, 0.5), config);
  }

  @Test void learnsTheClassesAndRecordsItsLosses() {
    var data = blocks(600, 1);
    var labelled = data.rows(0, 20);
    var test = blocks(200, 2);
    var gan = trainer(SemiSupervisedConfig.gan(20, 0.9, 3), labelled, data);
    var history = gan.train(60);
    assertEquals(60, history.rowCount());
    for (String c : new String[] {"loss_sup", "loss_unsup", "loss_G", "train_error"}) {
      assertTrue(Double.isFinite(history.doubleColumn(c).getDouble(59)), c + " is finite");
    }
    assertTrue(gan.testErrors(test) < 20, "a separable problem is learned: " + gan.testErrors(test) + " errors out of 200");
    assertEquals(784, gan.sample(5).columns());
    Nd4j.getRandom().setSeed(99);
    assertEquals(gan.sample(5, 7), gan.sample(5, 7), "the same seed gives the same samples");
    assertNotEquals(gan.sample(5, 7), gan.sample(5, 8));
  }

  @Test void trainAndTestCountsTheTestErrorsAtEveryMultipleAndAtTheEnd() {
    var data = blocks(300, 1);
    var test = blocks(100, 2);
    var gan = trainer(SemiSupervisedConfig.gan(10, 0.9, 3), data.rows(0, 20), data);
    var counts = new java.util.ArrayList<Integer>();
    var at = new java.util.ArrayList<Long>();
    gan.trainAndTest(25, 10, test, e -> { counts.add(e); at.add(gan.iteration()); });
    assertEquals(java.util.List.of(10L, 20L, 25L), at);
    assertEquals(gan.testErrors(test), counts.get(2), "the last count is the model's as it stands");
    gan.trainAndTest(32, 10, test, e -> at.add(gan.iteration()));
    assertEquals(java.util.List.of(10L, 20L, 25L, 30L, 32L), at, "a second call goes on from where the first stopped");
    assertThrows(IllegalArgumentException.class, () -> gan.trainAndTest(40, 0, test, e -> {}));
  }

  @Test void theScriptsTrainerIsBuiltFromTheSeedAlone() {
    // improved-gan's networks at full size, built twice from the same seed: the same first step.
    var data = blocks(600, 1);
    var a = ImprovedGanMnist.semiSupervisedGan(data.rows(0, 20), data.images(), Adam.Epsilon.INSIDE_ROOT,
        SemiSupervisedConfig.gan(10, 0.9, 4));
    Nd4j.getRandom().setSeed(123);
    var b = ImprovedGanMnist.semiSupervisedGan(data.rows(0, 20), data.images(), Adam.Epsilon.INSIDE_ROOT,
        SemiSupervisedConfig.gan(10, 0.9, 4));
    a.train(1);
    b.train(1);
    assertEquals(a.history().doubleColumn("loss_sup").getDouble(0), b.history().doubleColumn("loss_sup").getDouble(0), 0);
    assertEquals(a.history().doubleColumn("loss_G").getDouble(0), b.history().doubleColumn("loss_G").getDouble(0), 0);
    assertEquals(1000, a.features().layers().get(1).parameters().get(0).value().columns(), "784 -> 1000 first layer");
  }

  @Test void reproducibleFromTheSeed() {
    var data = blocks(300, 1);
    var a = trainer(SemiSupervisedConfig.gan(10, 0, 5), data.rows(0, 10), data);
    var b = trainer(SemiSupervisedConfig.gan(10, 0, 5), data.rows(0, 10), data);
    a.train(5);
    b.train(5);
    assertEquals(a.history().doubleColumn("loss_G").getDouble(4), b.history().doubleColumn("loss_G").getDouble(4), 0);
    assertEquals(a.history().doubleColumn("loss_sup").getDouble(4), b.history().doubleColumn("loss_sup").getDouble(4), 0);
  }

  @Test void weightZeroIsSupervisedOnly() {
    var data = blocks(300, 1);
    var baseline = trainer(SemiSupervisedConfig.supervisedOnly(10, 0, 5), data.rows(0, 10), data);
    baseline.train(3);
    assertTrue(Double.isNaN(baseline.history().doubleColumn("loss_unsup").getDouble(2)));
    assertTrue(Double.isNaN(baseline.history().doubleColumn("loss_G").getDouble(2)), "G is not trained");
  }

  @Test void cyclesThroughTheLabelledSetLikeEpochs() {
    var data = blocks(100, 1);
    // Batches of 5 from 10 labelled examples: every two batches hold each example exactly once.
    var gan = trainer(SemiSupervisedConfig.supervisedOnly(5, 0, 1), data.rows(0, 10), data);
    for (int epoch = 0; epoch < 3; epoch++) {
      int[] seen = new int[10];
      for (int b = 0; b < 2; b++) for (int row : gan.labelledBatch()) seen[row]++;
      assertArrayEqualsOnes(seen);
    }
  }

  private static void assertArrayEqualsOnes(int[] counts) {
    for (int i = 0; i < counts.length; i++) assertEquals(1, counts[i], "labelled example " + i);
  }

  /** improved-gan's kinds of layers, small: weight norm with a fixed and a trained scale, batch norm in G. */
  static SemiSupervisedGan weightNormTrainer(long initSeed, long seed, Mnist labelled, Mnist unlabelled) {
    Nd4j.getRandom().setSeed(initSeed);
    var f = new Sequential("D.f", new GaussianNoise(0.3), new WeightNormDense(784, 32, false), new Relu());
    var head = new Sequential("D.head", new GaussianNoise(0.5), new WeightNormDense(32, 10, true));
    var g = new Sequential("G", new Dense(100, 32, Init.glorot()), new BatchNorm(32, false), new Softplus(),
        new WeightNormDense(32, 784, true), new Sigmoid());
    ImprovedGanMnist.initialise(f, head, unlabelled.images().get(NDArrayIndex.interval(0, 50), NDArrayIndex.all()));
    return new SemiSupervisedGan(g, f, head, labelled, unlabelled.images(), ImprovedGanMnist.noise(),
        Adam.improvedGan(0.003, 0.5), Adam.improvedGan(0.003, 0.5), SemiSupervisedConfig.gan(10, 0.99, seed));
  }

  @Test void checkpointResumesExactly(@TempDir Path dir) throws Exception {
    var data = blocks(200, 1);
    var test = blocks(100, 2);
    var straight = weightNormTrainer(4, 4, data.rows(0, 20), data);
    straight.train(50); // 2.5 epochs of the unlabelled set: resume lands mid-epoch

    var first = weightNormTrainer(4, 4, data.rows(0, 20), data);
    first.train(25);
    Path file = dir.resolve("ssl.zip");
    first.save(file);
    Nd4j.getRandom().setSeed(12345);
    var other = weightNormTrainer(4, 5, data.rows(0, 20), data);
    var e = assertThrows(IllegalArgumentException.class, () -> other.restore(file));
    assertTrue(e.getMessage().contains("seed 4") && e.getMessage().contains("seed 5"), e.getMessage());
    var resumed = weightNormTrainer(77, 4, data.rows(0, 20), data); // other initial weights and scales
    resumed.restore(file);
    assertEquals(25, resumed.iteration());
    resumed.train(25);

    for (String c : new String[] {"loss_sup", "loss_unsup", "loss_G", "train_error"}) {
      assertArrayEquals(straight.history().doubleColumn(c).asDoubleArray(), resumed.history().doubleColumn(c).asDoubleArray(), 0, c);
    }
    assertEquals(straight.testErrors(test), resumed.testErrors(test), "the moving averages resume too");
    assertArrayEquals(straight.classify(test.images()), resumed.classify(test.images()));
    assertEquals(straight.sample(4, 3), resumed.sample(4, 3), "G's samples resume");
    INDArray z = ImprovedGanMnist.noise().sample(4, 3);
    assertEquals(straight.generator().forward(z, Mode.EVAL), resumed.generator().forward(z, Mode.EVAL),
        "G in evaluation mode: batch norm's running statistics resume");
    try (var files = Files.list(dir)) { assertEquals(1, files.count(), "no temporary file is left behind"); }
  }

  @Test void improvedGanNetworksHaveThePaperShapes() {
    Nd4j.getRandom().setSeed(1);
    var f = ImprovedGanMnist.discriminatorFeatures();
    var head = ImprovedGanMnist.classifier();
    var g = ImprovedGanMnist.generator();
    INDArray z = ImprovedGanMnist.noise().sample(4);
    assertTrue(z.minNumber().doubleValue() >= 0 && z.maxNumber().doubleValue() <= 1);
    INDArray x = g.apply(z);
    assertEquals(784, x.columns());
    assertEquals(ImprovedGanMnist.FEATURES, f.apply(x).columns());
    assertEquals(10, head.apply(f.apply(x)).columns());
    assertEquals(784L * 1000 + 1000 + 1000 * 500 + 500 + 500 * 250 + 250 + 2 * (250 * 250 + 250), f.parameterCount(), "v and b: the hidden layers train no scale");
    assertEquals(100L * 500 + 500 + 500 * 500 + 500 + 500 * 784 + 784 + 784 + 2 * 500, g.parameterCount(), "the output layer trains its scale; batch norm a shift");
  }
}
