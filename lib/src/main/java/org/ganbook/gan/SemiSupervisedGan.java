package org.ganbook.gan;

import java.util.ArrayList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import org.ganbook.data.Mnist;
import org.ganbook.data.Sampler;
import org.ganbook.loops.Loops;
import org.ganbook.loss.FeatureMatching;
import org.ganbook.loss.Loss;
import org.ganbook.loss.SemiSupervisedLoss;
import org.ganbook.nn.Mode;
import org.ganbook.nn.Parameter;
import org.ganbook.nn.Sequential;
import org.ganbook.optim.ExponentialMovingAverage;
import org.ganbook.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Semi-supervised learning with a GAN (Salimans et al., 2016, section 5), as openai/improved-gan's
 * train_mnist_feature_matching.py trains it. D is a K-class classifier whose K logits l_k double as
 * the real classes of a (K+1)-class classifier with the "generated" logit fixed at 0.
 *
 * <pre>
 * for number of training iterations do
 *   take m labelled examples (x, y), m unlabelled examples x_u, m noise samples z
 *   update D by descending  L_sup + w L_unsup, where
 *       L_sup   = -E log softmax(l(x))_y                          (cross-entropy over K classes)
 *       L_unsup = 1/2 (-E log D(x_u) - E log(1 - D(G(z)))),  D = Z / (Z + 1), Z = sum_k exp(l_k)
 *   take m other unlabelled examples x_u' and m noise samples z
 *   update G by descending  || mean f(x_u') - mean f(G(z)) ||^2 / |f|      (feature matching)
 * </pre>
 *
 * f is D's last hidden layer, so D comes in two parts: {@code features} (x -> f(x)) and {@code
 * classifier} (f(x) -> l(x)). The 1/2 on L_unsup is the script's. With w = 0 the trainer skips G
 * altogether: the supervised-only baseline, the same D trained on the labels alone.
 *
 * <p>As in the script, the examples come in epochs: x_u and x_u' from two independent permutations
 * of the unlabelled set, the labelled set cycled in a fresh order each time it runs out. {@link
 * #save} and {@link #restore} resume a run exactly.
 */
public final class SemiSupervisedGan {
  private final Sequential generator;
  private final Sequential features;
  private final Sequential classifier;
  final INDArray labelledImages;
  private final int[] labels;
  /** Positions in the labelled set (its rows' indices), in epochs. */
  final EpochSampler labelledOrder;
  /** x_u for D's step and x_u' for G's, two independent orders of the unlabelled set. */
  final EpochSampler unlabelled;
  final EpochSampler unlabelledForG;
  private final Sampler pZ;
  final Optimizer optimizerD;
  final Optimizer optimizerG;
  private final SemiSupervisedConfig config;
  private final List<Parameter> parametersD = new ArrayList<>();
  final ExponentialMovingAverage average;
  final Table history;
  /** The iterations done, the random generator's state, the stop button, the iterations' memory. */
  final TrainingLoop loop;

  public SemiSupervisedGan(Sequential generator, Sequential features, Sequential classifier,
                           Mnist labelled, INDArray unlabelledImages, Sampler pZ,
                           Optimizer optimizerD, Optimizer optimizerG, SemiSupervisedConfig config) {
    if (labelled.size() < 1) throw new IllegalArgumentException("no labelled examples");
    this.generator = generator;
    this.features = features;
    this.classifier = classifier;
    this.labelledImages = labelled.images();
    this.labels = labelled.labels().clone();
    long seed = config.seed();
    this.labelledOrder = new EpochSampler(Nd4j.arange(labels.length).reshape(-1, 1), seed);
    this.unlabelled = new EpochSampler(unlabelledImages, seed + 1);
    this.unlabelledForG = new EpochSampler(unlabelledImages, seed + 2);
    this.pZ = pZ;
    this.optimizerD = optimizerD;
    this.optimizerG = optimizerG;
    this.config = config;
    parametersD.addAll(features.parameters());
    parametersD.addAll(classifier.parameters());
    average = config.averageDecay() > 0 ? new ExponentialMovingAverage(parametersD, config.averageDecay()) : null;
    loop = new TrainingLoop(this, config.seed());
    history = Table.create(config.unlabelledWeight() > 0 ? "semi-supervised GAN" : "supervised only",
        IntColumn.create(HistoryColumn.ITERATION.columnName()));
    for (HistoryColumn c : HistoryColumn.SEMI_SUPERVISED) history.addColumns(DoubleColumn.create(c.columnName()));
  }

  /** Runs {@code iterations} more iterations; returns the history (one row per iteration). */
  public Table train(int iterations) {
    loop.run(iterations, iteration -> {
      double[] d = discriminatorStep();
      double lossG = config.unlabelledWeight() > 0 ? generatorStep() : Double.NaN;
      if (average != null) average.update();
      history.intColumn(HistoryColumn.ITERATION.columnName()).append((int) iteration);
      history.doubleColumn(HistoryColumn.LOSS_SUP.columnName()).append(d[0]);
      history.doubleColumn(HistoryColumn.LOSS_UNSUP.columnName()).append(d[1]);
      history.doubleColumn(HistoryColumn.LOSS_G.columnName()).append(lossG);
      history.doubleColumn(HistoryColumn.TRAIN_ERROR.columnName()).append(d[2]);
    }, done -> {});
    return history;
  }

  /** The next m labelled rows: the labelled set reshuffled whenever it runs out, as the script cycles it. */
  int[] labelledBatch() { return labelledOrder.nextRows(config.m()); }

  /** One step of D on L_sup + w L_unsup; returns {L_sup, L_unsup, error on the labelled batch}. */
  private double[] discriminatorStep() {
    int m = config.m();
    double w = config.unlabelledWeight();
    int[] rows = labelledBatch();
    int[] y = new int[m];
    for (int i = 0; i < m; i++) y[i] = labels[rows[i]];
    INDArray xLab = Nd4j.pullRows(labelledImages, 1, rows); // one gather op (getRows copies row by row)
    // One forward over labelled, unlabelled and generated rows together: three GEMMs become one.
    INDArray x = w > 0 ? Loops.stackRows(xLab, unlabelled.sample(m), generator.forward(pZ.sample(m), Mode.TRAIN)) : xLab;
    INDArray logits = classifier.forward(features.forward(x, Mode.TRAIN), Mode.TRAIN);
    INDArray lab = logits.get(NDArrayIndex.interval(0, m), NDArrayIndex.all());
    Loss sup = SemiSupervisedLoss.supervised(lab, y);
    requireFinite(sup.value(), "D", "L_sup");
    INDArray gradient = sup.gradient();
    double unsup = Double.NaN;
    if (w > 0) {
      var pair = SemiSupervisedLoss.unsupervised(
          logits.get(NDArrayIndex.interval(m, 2 * m), NDArrayIndex.all()),
          logits.get(NDArrayIndex.interval(2 * m, 3 * m), NDArrayIndex.all()));
      unsup = 0.5 * pair.value();
      requireFinite(unsup, "D", "L_unsup");
      gradient = Loops.stackRows(gradient, pair.realGradient().muli(0.5 * w), pair.fakeGradient().muli(0.5 * w));
    }
    features.backward(classifier.backward(gradient, true, true), true, false);
    optimizerD.step(parametersD);
    int[] predicted = argMax(lab);
    int wrong = 0;
    for (int i = 0; i < m; i++) if (predicted[i] != y[i]) wrong++;
    return new double[] {sup.value(), unsup, (double) wrong / m};
  }

  /** One step of G on feature matching against D's last hidden layer. */
  private double generatorStep() {
    int m = config.m();
    INDArray realFeatures = features.forward(unlabelledForG.sample(m), Mode.TRAIN);
    INDArray fakeFeatures = features.forward(generator.forward(pZ.sample(m), Mode.TRAIN), Mode.TRAIN);
    Loss loss = FeatureMatching.of(realFeatures, fakeFeatures);
    requireFinite(loss.value(), "G", "feature matching");
    // features remembers its last forward, the generated rows, so this backward is through G(z).
    generator.backward(features.backwardToInput(loss.gradient()));
    optimizerG.step(generator.parameters());
    return loss.value();
  }

  /** D's class for each row (argmax of the K logits), evaluated without noise. */
  public int[] classify(INDArray images) {
    if (average != null) average.swap();
    try {
      int n = (int) images.rows();
      int[] out = new int[n];
      for (int from = 0; from < n; from += 1000) {
        int to = Math.min(n, from + 1000);
        INDArray x = images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        int[] p = argMax(classifier.forward(features.forward(x, Mode.EVAL), Mode.EVAL));
        System.arraycopy(p, 0, out, from, p.length);
      }
      return out;
    } finally {
      if (average != null) average.swap();
    }
  }

  /**
   * Trains until {@link #iteration()} reaches {@code iterations}, counting the test errors at every
   * multiple of {@code every} and at the end, and handing each count to {@code afterEachTest} (a
   * notebook redraws its chart there).
   */
  public void trainAndTest(int iterations, int every, Mnist test, IntConsumer afterEachTest) {
    if (every < 1) throw new IllegalArgumentException("test every >= 1 iterations, got " + every);
    while (iteration() < iterations) {
      train((int) Math.min(every - iteration() % every, iterations - iteration()));
      afterEachTest.accept(testErrors(test));
    }
  }

  /** Misclassified test digits (out of test.size(), 10,000 for MNIST): the number Table 1 reports. */
  public int testErrors(Mnist test) {
    int[] p = classify(test.images());
    int wrong = 0;
    for (int i = 0; i < p.length; i++) if (p[i] != test.labels()[i]) wrong++;
    return wrong;
  }

  /**
   * m samples of G as improved-gan draws them: batch norm on the m samples' own statistics
   * ({@link Mode#GENERATE}), its running averages untouched, so drawing changes nothing in training.
   */
  public INDArray sample(int m) { return generator.forward(pZ.sample(m), Mode.GENERATE); }

  /** m samples of G from noise drawn right after seeding: the same images every time (see {@link Sampler#sample(int, long)}). */
  public INDArray sample(int m, long seed) { return generator.forward(pZ.sample(m, seed), Mode.GENERATE); }

  static int[] argMax(INDArray logits) {
    long[] a = Nd4j.argMax(logits, 1).toLongVector();
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) out[i] = (int) a[i];
    return out;
  }

  private void requireFinite(double value, String network, String loss) { loop.requireFinite(value, network, loss); }

  /** Writes everything needed to resume exactly (see {@link Checkpoint}). */
  public void save(Path file) throws IOException { Checkpoint.save(this, file); }

  /** Restores a checkpoint written by {@link #save} into this trainer, built with the same networks and data. */
  public void restore(Path file) throws IOException { Checkpoint.restore(this, file); }

  public Table history() { return history; }
  public long iteration() { return loop.iteration; }
  public Sequential generator() { return generator; }
  public Sequential features() { return features; }
  public Sequential classifier() { return classifier; }
  public SemiSupervisedConfig config() { return config; }
}
