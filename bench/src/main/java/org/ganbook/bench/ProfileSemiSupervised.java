package org.ganbook.bench;

import org.ganbook.gan.ImprovedGanMnist;
import org.ganbook.gan.IterationMemory;
import org.ganbook.data.Sampler;
import org.ganbook.loops.Loops;
import org.ganbook.loss.FeatureMatching;
import org.ganbook.loss.Loss;
import org.ganbook.loss.SemiSupervisedLoss;
import org.ganbook.nn.Parameter;
import org.ganbook.nn.Sequential;
import org.ganbook.optim.Adam;
import org.ganbook.optim.ExponentialMovingAverage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where one semi-supervised GAN iteration's time goes: the steps of {@code SemiSupervisedGan}'s
 * iteration on improved-gan's MNIST networks, one layer at a time, each timed on its own (median
 * over many iterations), in the trainer's iteration memory.
 *
 * <p>Usage: {@code ProfileSemiSupervised [--iterations 100]}. A tool, not a benchmark.
 */
public final class ProfileSemiSupervised {
  private ProfileSemiSupervised() {}

  public static void main(String[] args) {
    int iterations = args.length == 2 && args[0].equals("--iterations") ? Integer.parseInt(args[1]) : 100;
    Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    Nd4j.getRandom().setSeed(1);
    int m = SemiSupervisedBenchmark.M;
    INDArray data = Nd4j.rand(DataType.FLOAT, 1000, 784);
    INDArray labelled = data.get(NDArrayIndex.interval(0, 100), NDArrayIndex.all()).dup();
    int[] labels = new int[100];
    for (int i = 0; i < labels.length; i++) labels[i] = i % 10;
    Sequential g = ImprovedGanMnist.generator();
    Sequential f = ImprovedGanMnist.discriminatorFeatures();
    Sequential head = ImprovedGanMnist.classifier();
    ImprovedGanMnist.initialise(f, head, data.get(NDArrayIndex.interval(0, 500), NDArrayIndex.all()));
    var parametersD = new java.util.ArrayList<Parameter>(f.parameters());
    parametersD.addAll(head.parameters());
    Adam optD = new Adam(ImprovedGanMnist.LEARNING_RATE, ImprovedGanMnist.BETA1);
    Adam optG = new Adam(ImprovedGanMnist.LEARNING_RATE, ImprovedGanMnist.BETA1);
    var average = new ExponentialMovingAverage(parametersD, SemiSupervisedBenchmark.AVERAGE_DECAY);
    Sampler unlabelled = Sampler.rowsOf(data);
    Sampler pZ = ImprovedGanMnist.noise();
    var p = new Profile();
    var memory = new IterationMemory(p);
    int[] rows = new int[m];
    int[] y = new int[m];
    for (int it = 0; it < 20 + iterations; it++) {
      if (it == 20) p.clear();
      var scope = memory.iteration();
      long start = System.nanoTime();
      for (int i = 0; i < m; i++) { rows[i] = (it * m + i) % labels.length; y[i] = labels[rows[i]]; }
      // D step, as SemiSupervisedGan.discriminatorStep
      INDArray xLab = p.time("D labelled rows (pullRows)", () -> Nd4j.pullRows(labelled, 1, rows));
      INDArray xU = p.time("D sample x_u", () -> unlabelled.sample(m));
      INDArray z = p.time("D sample z", () -> pZ.sample(m));
      INDArray fake = p.forward("G", g, z, "D");
      INDArray x = p.time("D vstack", () -> Loops.stackRows(xLab, xU, fake));
      INDArray h = p.forward("f", f, x, "D");
      INDArray logits = p.forward("head", head, h, "D");
      INDArray lab = logits.get(NDArrayIndex.interval(0, m), NDArrayIndex.all());
      Loss sup = p.time("D L_sup", () -> SemiSupervisedLoss.supervised(lab, y));
      var pair = p.time("D L_unsup", () -> SemiSupervisedLoss.unsupervised(
          logits.get(NDArrayIndex.interval(m, 2 * m), NDArrayIndex.all()),
          logits.get(NDArrayIndex.interval(2 * m, 3 * m), NDArrayIndex.all())));
      INDArray gradient = p.time("D gradient vstack", () ->
          Loops.stackRows(sup.gradient(), pair.realGradient().muli(0.5), pair.fakeGradient().muli(0.5)));
      INDArray dh = p.backward("head", head, gradient, true, true, "D");
      p.backward("f", f, dh, true, false, "D");
      p.run("D adam", () -> optD.step(parametersD));
      p.run("D argmax", () -> Nd4j.argMax(lab, 1).toLongVector());
      // G step, as SemiSupervisedGan.generatorStep
      INDArray xU2 = p.time("G sample x_u", () -> unlabelled.sample(m));
      INDArray real = p.forward("f", f, xU2, "G real");
      INDArray z2 = p.time("G sample z", () -> pZ.sample(m));
      INDArray fake2 = p.forward("G", g, z2, "G");
      INDArray fakeFeatures = p.forward("f", f, fake2, "G fake");
      Loss fm = p.time("G feature matching", () -> FeatureMatching.of(real, fakeFeatures));
      INDArray dFake = p.backward("f", f, fm.gradient(), false, true, "G");
      p.backward("G", g, dFake, true, false, "G");
      p.run("G adam", () -> optG.step(g.parameters()));
      p.run("moving average", average::update);
      p.total(start);
      scope.close();
    }
    memory.close();
    p.print();
  }
}
