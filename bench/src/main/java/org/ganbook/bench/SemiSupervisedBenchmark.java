package org.ganbook.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ganbook.data.Mnist;
import org.ganbook.loops.Loops;
import org.ganbook.gan.ImprovedGanMnist;
import org.ganbook.gan.SemiSupervisedConfig;
import org.ganbook.gan.SemiSupervisedGan;
import org.ganbook.nn.Parameter;
import org.ganbook.optim.Adam;
import org.ganbook.optim.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Times one iteration of the semi-supervised GAN ({@code SemiSupervisedGan}, m = 100) on
 * improved-gan's MNIST networks with Adam (lr 0.003, beta1 0.5) and the moving average of D's
 * parameters, and the float32 GEMM bound of that iteration. Prints a table for people and
 * {@code RESULT key=value} lines for bench/run.sh, with the keys prefixed {@code ssl_}.
 *
 * <p>Usage: {@code SemiSupervisedBenchmark [--warmup 200] [--iterations 200] [--no-gemm] [--nd-only]};
 * {@code --nd-only} as in {@link IterationBenchmark}.
 */
public final class SemiSupervisedBenchmark {
  static final int M = ImprovedGanMnist.BATCH;
  /** The moving average of the long runs (the cost does not depend on the decay). */
  static final double AVERAGE_DECAY = 0.9999;

  private SemiSupervisedBenchmark() {}

  public static void main(String[] args) {
    int warmup = 200;
    int iterations = 200;
    boolean gemm = true;
    boolean ndOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--no-gemm" -> gemm = false;
        case "--nd-only" -> ndOnly = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: SemiSupervisedBenchmark [--warmup N] [--iterations N] [--no-gemm] [--nd-only]");
      }
    }
    Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    Nd4j.getRandom().setSeed(1);
    // Random images of MNIST's shape (the cost does not depend on the pixels): 100 labelled ones,
    // as chapter 04 trains, and 1,000 unlabelled ones.
    INDArray unlabelled = Nd4j.rand(DataType.FLOAT, 1000, 784);
    int[] labels = new int[100];
    for (int i = 0; i < labels.length; i++) labels[i] = i % ImprovedGanMnist.CLASSES;
    var labelled = new Mnist(Nd4j.rand(DataType.FLOAT, labels.length, 784), labels);
    var g = ImprovedGanMnist.generator();
    var f = ImprovedGanMnist.discriminatorFeatures();
    var head = ImprovedGanMnist.classifier();
    ImprovedGanMnist.initialise(f, head, unlabelled.get(NDArrayIndex.interval(0, 500), NDArrayIndex.all()));
    var gemms = GemmCount.semiSupervised(g, f, head, M);

    var timer = new StepTimer(new Adam(ImprovedGanMnist.LEARNING_RATE, ImprovedGanMnist.BETA1), warmup, iterations);
    var gan = new SemiSupervisedGan(g, f, head, labelled, unlabelled, ImprovedGanMnist.noise(),
        timer, new Adam(ImprovedGanMnist.LEARNING_RATE, ImprovedGanMnist.BETA1),
        new SemiSupervisedConfig(M, 1.0, AVERAGE_DECAY, 1));
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    int total = warmup + iterations + 1;
    if (ndOnly) Loops.ndOnly(() -> gan.train(total));
    else gan.train(total);
    var stats = timer.stats();
    IterationBenchmark.report("ssl_nd4j", "ganbook SemiSupervisedGan on ND4J", stats);
    if (!Double.isFinite(gan.history().doubleColumn("loss_G").get(gan.history().rowCount() - 1))) {
      throw new IllegalStateException("the benchmark diverged");
    }
    System.out.printf(Locale.ROOT, "%-44s %8.0f MB%n", "peak resident memory of the JVM", IterationBenchmark.peakRssMb());
    System.out.printf(Locale.ROOT, "RESULT ssl_nd4j_rss_mb=%.0f%n", IterationBenchmark.peakRssMb());
    System.out.printf(Locale.ROOT, "RESULT java_version=%s%n", System.getProperty("java.version"));
    if (!gemm) return;
    IterationBenchmark.reportGemms("ssl_", gemms);
  }

  /**
   * D's optimizer, which the trainer calls once per iteration, wrapped to time the iterations of one
   * {@code train} call from outside the trainer: the time between consecutive D steps is one iteration.
   */
  static final class StepTimer implements Optimizer {
    private final Optimizer inner;
    private final int warmup;
    private final double[] ms;
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private long calls;
    private long last;
    private long cpuStart;
    private long cpuEnd;

    StepTimer(Optimizer inner, int warmup, int n) {
      this.inner = inner;
      this.warmup = warmup;
      this.ms = new double[n];
    }

    @Override public void step(List<Parameter> parameters) {
      long now = System.nanoTime();
      long i = calls++ - warmup;
      if (i == 0) cpuStart = os.getProcessCpuTime();
      if (i >= 1 && i <= ms.length) ms[(int) i - 1] = (now - last) / 1e6;
      if (i == ms.length) cpuEnd = os.getProcessCpuTime();
      last = System.nanoTime();
      inner.step(parameters);
    }

    IterationBenchmark.Stats stats() {
      if (calls < warmup + ms.length + 1) throw new IllegalStateException("only " + calls + " iterations timed");
      return IterationBenchmark.Stats.of(ms, (cpuEnd - cpuStart) / 1e6 / ms.length);
    }

    @Override public long updates() { return inner.updates(); }
    @Override public Map<String, INDArray> state() { return inner.state(); }
    @Override public void restore(Map<String, INDArray> state) { inner.restore(state); }
  }
}
