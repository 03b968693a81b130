package org.ganbook.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.ganbook.gan.IterationMemory;
import org.ganbook.gan.PaperMnist;
import org.ganbook.data.Sampler;
import org.ganbook.loops.Loops;
import org.ganbook.loss.GeneratorLoss;
import org.ganbook.loss.Loss;
import org.ganbook.loss.ValueFunction;
import org.ganbook.nn.Layer;
import org.ganbook.nn.Mode;
import org.ganbook.nn.Sequential;
import org.ganbook.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Where one iteration's time goes: the steps of Algorithm 1's iteration (as Algorithm1 runs them)
 * one layer at a time, each timed on its own; the median of each over many iterations.
 *
 * <p>Usage: {@code Profile [--iterations 100]}. A tool for making the library fast, not a benchmark:
 * the sum of the parts is a little more than the whole (timer overhead, no overlap).
 */
public final class Profile {
  private final Map<String, List<Double>> times = new LinkedHashMap<>();

  private final Map<String, List<Double>> cpuTimes = new LinkedHashMap<>();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  <T> T time(String label, Supplier<T> body) {
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    T result = body.get();
    times.computeIfAbsent(label, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
    cpuTimes.computeIfAbsent(label, k -> new ArrayList<>()).add((os.getProcessCpuTime() - cpu) / 1e6);
    return result;
  }

  void run(String label, Runnable body) { time(label, () -> { body.run(); return null; }); }

  INDArray forward(String net, Sequential s, INDArray x, String phase) {
    for (int i = 0; i < s.layers().size(); i++) {
      Layer layer = s.layers().get(i);
      INDArray in = x;
      x = time(phase + " " + net + "." + i + " " + layer.getClass().getSimpleName() + " forward", () -> layer.forward(in, Mode.TRAIN));
    }
    return x;
  }

  /**
   * Backward through the layers as {@code Sequential.backward} goes, down to its lowest layer
   * ({@link Sequential#lowestBackward}), each layer timed on its own.
   */
  INDArray backward(String net, Sequential s, INDArray dy, boolean parameters, boolean input, String phase) {
    int lowest = s.lowestBackward(parameters, input);
    for (int i = s.layers().size() - 1; i >= lowest; i--) {
      Layer layer = s.layers().get(i);
      INDArray d = dy;
      boolean in = i > lowest || input;
      dy = time(phase + " " + net + "." + i + " " + layer.getClass().getSimpleName() + " backward", () -> layer.backward(d, parameters, in));
    }
    return input ? dy : null;
  }

  public static void main(String[] args) {
    int iterations = args.length == 2 && args[0].equals("--iterations") ? Integer.parseInt(args[1]) : 100;
    Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    Nd4j.getRandom().setSeed(1);
    INDArray data = Nd4j.rand(DataType.FLOAT, 1000, 784);
    Sequential g = PaperMnist.generator(data);
    Sequential d = PaperMnist.discriminator();
    Sgd optD = PaperMnist.optimizer();
    Sgd optG = PaperMnist.optimizer();
    Sampler pData = Sampler.rowsOf(data);
    Sampler pZ = PaperMnist.noise();
    int m = IterationBenchmark.M;
    var p = new Profile();
    var memory = new IterationMemory(p);
    for (int it = 0; it < 20 + iterations; it++) {
      if (it == 20) p.clear();
      // As Algorithm1 runs an iteration: every intermediate array in the iteration's reused memory.
      var scope = memory.iteration();
      long start = System.nanoTime();
      INDArray x = p.time("D sample x", () -> pData.sample(m));
      INDArray z = p.time("D sample z", () -> pZ.sample(m));
      INDArray fake = p.forward("G", g, z, "D");
      INDArray both = p.time("D vstack", () -> Loops.stackRows(x, fake));
      INDArray logits = p.forward("D", d, both, "D");
      Loss lossD = p.time("D loss", () -> ValueFunction.discriminatorLoss(logits, m));
      p.backward("D", d, lossD.gradient(), true, false, "D");
      p.run("D sgd", () -> optD.step(d.parameters()));
      p.run("D mean D(x), D(G(z))", () -> {
        INDArray dd = Transforms.sigmoid(logits, true);
        dd.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, m)).meanNumber().doubleValue();
        dd.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(m, 2 * m)).meanNumber().doubleValue();
      });
      INDArray z2 = p.time("G sample z", () -> pZ.sample(m));
      INDArray fake2 = p.forward("G", g, z2, "G");
      INDArray logits2 = p.forward("D", d, fake2, "G");
      Loss lossG = p.time("G loss", () -> GeneratorLoss.NON_SATURATING.of(logits2));
      INDArray dFake = p.backward("D", d, lossG.gradient(), false, true, "G");
      p.backward("G", g, dFake, true, false, "G");
      p.run("G sgd", () -> optG.step(g.parameters()));
      p.run("gradient norms", () -> { d.gradientNorm(); g.gradientNorm(); });
      p.total(start);
      scope.close();
    }
    memory.close();
    p.print();
  }

  /** Forgets what was timed so far (the end of the warm-up). */
  void clear() {
    times.clear();
    cpuTimes.clear();
  }

  /** Records the time of the whole iteration that began at {@code start} (System.nanoTime). */
  void total(long start) { times.computeIfAbsent("TOTAL", k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6); }

  /**
   * The median and 10th percentile of each step's wall time, in the order first timed, the mean of
   * its process CPU time (all threads), and their sums. On a shared machine the 10th percentile and
   * the CPU time are the steadier figures: other work mostly adds waiting.
   */
  void print() {
    double sum = 0;
    double sum10 = 0;
    double sumCpu = 0;
    System.out.printf(Locale.ROOT, "%-48s %8s    %8s    %8s%n", "step", "median", "p10", "CPU");
    for (var e : times.entrySet()) {
      var sorted = e.getValue().stream().sorted().toList();
      double median = sorted.get(sorted.size() / 2);
      double p10 = sorted.get(sorted.size() / 10);
      var cpu = cpuTimes.get(e.getKey());
      double cpuMean = cpu == null ? Double.NaN : cpu.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      if (!e.getKey().equals("TOTAL")) {
        sum += median;
        sum10 += p10;
        sumCpu += cpuMean;
      }
      System.out.printf(Locale.ROOT, "%-48s %8.3f ms %8.3f ms %8.3f ms%n", e.getKey(), median, p10, cpuMean);
    }
    System.out.printf(Locale.ROOT, "%-48s %8.3f ms %8.3f ms %8.3f ms%n", "sum", sum, sum10, sumCpu);
  }
}
