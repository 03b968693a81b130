package org.ganbook.bench;

import java.util.Arrays;
import java.util.Locale;
import org.ganbook.loops.Gemm;
import org.ganbook.loops.Loops;
import org.ganbook.gan.Algorithm1;
import org.ganbook.gan.GanConfig;
import org.ganbook.gan.PaperMnist;
import org.ganbook.data.Sampler;
import org.ganbook.loss.GeneratorLoss;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times one iteration of Algorithm 1 (k = 1, m = 100) on the paper's MNIST networks with the
 * paper's SGD, and the float32 GEMM throughput that bounds it. Prints a table for people and
 * {@code RESULT key=value} lines for bench/run.sh.
 *
 * <p>Usage: {@code IterationBenchmark [--warmup 20] [--iterations 200] [--samediff] [--no-gemm] [--nd-only]};
 * {@code --nd-only} switches the library's Java loops off ({@code Loops.ndOnly}): ND4J's ops alone, for comparison.
 * ({@code --no-gemm} leaves out the GEMM measurements, for the later rounds of bench/run.sh).
 */
public final class IterationBenchmark {
  static final int M = 100;

  public static void main(String[] args) {
    int warmup = 20;
    int iterations = 200;
    boolean samediff = false;
    boolean gemm = true;
    boolean ndOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--samediff" -> samediff = true;
        case "--no-gemm" -> gemm = false;
        case "--nd-only" -> ndOnly = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: IterationBenchmark [--warmup N] [--iterations N] [--samediff] [--no-gemm] [--nd-only]");
      }
    }
    Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    Nd4j.getRandom().setSeed(1);
    // Random "images" of MNIST's shape: the cost of an iteration does not depend on the pixel values.
    INDArray data = Nd4j.rand(DataType.FLOAT, 1000, 784);
    var g = PaperMnist.generator(data);
    var d = PaperMnist.discriminator();
    var gemms = GemmCount.algorithm1(g, d, M);

    var gan = new Algorithm1(g, d, Sampler.rowsOf(data), PaperMnist.noise(),
        PaperMnist.optimizer(), PaperMnist.optimizer(), new GanConfig(1, M, GeneratorLoss.NON_SATURATING, 1));
    int w = warmup, n = iterations;
    Stats nd4j = ndOnly ? Loops.ndOnly(() -> timeOneTrainCall(gan, w, n)) : timeOneTrainCall(gan, w, n);
    report("nd4j", "ND4J, hand-written backprop (ganbook-lib)", nd4j);
    if (!Double.isFinite(gan.history().last("loss_D"))) throw new IllegalStateException("the benchmark diverged");
    System.out.printf(Locale.ROOT, "%-44s %8.0f MB%n", "peak resident memory of the JVM", peakRssMb());
    System.out.printf(Locale.ROOT, "RESULT nd4j_rss_mb=%.0f%n", peakRssMb());

    if (samediff) {
      Nd4j.getRandom().setSeed(1);
      var sd = new SameDiffIteration(PaperMnist.generator(data), PaperMnist.discriminator(), data, M);
      if (!sd.sharesWeights()) throw new IllegalStateException("SameDiff's two graphs do not share D's weights");
      Stats sameDiff = time(warmup, iterations, sd::iteration);
      report("samediff", "ND4J, SameDiff autodiff", sameDiff);
      System.out.printf(Locale.ROOT, "%-44s %8.0f MB%n", "peak resident memory after SameDiff", peakRssMb());
      System.out.printf(Locale.ROOT, "RESULT samediff_rss_mb=%.0f%n", peakRssMb());
    }


    if (!gemm) return;
    reportGemms("", gemms);
    System.out.printf(Locale.ROOT, "RESULT java_version=%s%n", System.getProperty("java.version"));
  }

  /** The GEMM work of one iteration, the bound it sets, and the iteration's GEMMs timed back to back; keys prefixed. */
  static void reportGemms(String prefix, GemmCount gemms) {
    double flops = gemms.flops();
    double squareGflops = squareGemmGflops(2048);
    Stats shapes = iterationGemms(gemms);
    System.out.printf(Locale.ROOT, "%-44s %8.3f GFLOP (%d GEMMs)%n", "GEMM work of one iteration", flops / 1e9, gemms.gemms().size());
    System.out.printf(Locale.ROOT, "%-44s %8.1f GFLOP/s%n", "float32 GEMM throughput, 2048^3 (best of 10)", squareGflops);
    System.out.printf(Locale.ROOT, "%-44s %8.2f ms%n", "GEMM bound (FLOPs / throughput)", flops / squareGflops / 1e6);
    System.out.printf(Locale.ROOT, "%-44s %8.2f ms (%.1f GFLOP/s)%n", "the iteration's own GEMMs, back to back",
        shapes.median(), flops / shapes.median() / 1e6);
    System.out.printf(Locale.ROOT, "RESULT %sgemm_count=%d%n", prefix, gemms.gemms().size());
    System.out.printf(Locale.ROOT, "RESULT %sgemm_gflop=%.4f%n", prefix, flops / 1e9);
    System.out.printf(Locale.ROOT, "RESULT %sgemm_gflops=%.1f%n", prefix, squareGflops);
    System.out.printf(Locale.ROOT, "RESULT %sbound_ms=%.2f%n", prefix, flops / squareGflops / 1e6);
    System.out.printf(Locale.ROOT, "RESULT %sshapes_ms=%.2f%n", prefix, shapes.median());
  }

  /** The process's peak resident set (VmHWM), or NaN where /proc is not there. */
  static double peakRssMb() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux: leave it out
    }
    return Double.NaN;
  }

  /** Median, 10th and 90th percentile of per-call times in milliseconds. */
  record Stats(double median, double p10, double p90, int n, double[] samples, double cpuMs) {
    static Stats of(double[] ms, double cpuMs) {
      double[] s = ms.clone();
      Arrays.sort(s);
      return new Stats(percentile(s, 50), percentile(s, 10), percentile(s, 90), s.length, ms, cpuMs);
    }

    private static double percentile(double[] sorted, double p) {
      double rank = p / 100 * (sorted.length - 1);
      int lo = (int) Math.floor(rank);
      int hi = Math.min(lo + 1, sorted.length - 1);
      return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }
  }

  /**
   * Wall-clock times of each call, and the process's CPU time per call (all threads, native ones
   * included), which other work on a shared machine disturbs far less than the wall clock.
   */
  static Stats time(int warmup, int n, Runnable body) {
    for (int i = 0; i < warmup; i++) body.run();
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    double[] ms = new double[n];
    long cpuStart = os.getProcessCpuTime();
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      body.run();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    return Stats.of(ms, (os.getProcessCpuTime() - cpuStart) / 1e6 / n);
  }

  /**
   * The iterations of one {@code train} call, as a notebook runs them (the trainer's iteration
   * memory is learned once per call): the time between consecutive observer calls.
   */
  static Stats timeOneTrainCall(Algorithm1 gan, int warmup, int n) {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    double[] ms = new double[n];
    long[] last = new long[1];
    long[] cpuStart = new long[1];
    int[] seen = new int[1];
    gan.observe(1, progress -> {
      long now = System.nanoTime();
      int i = seen[0]++ - warmup;
      if (i == 0) cpuStart[0] = os.getProcessCpuTime();
      if (i >= 1) ms[i - 1] = (now - last[0]) / 1e6;
      last[0] = System.nanoTime();
    });
    gan.train(warmup + n + 1);
    return Stats.of(ms, (os.getProcessCpuTime() - cpuStart[0]) / 1e6 / n);
  }

  static void report(String key, String label, Stats s) {
    System.out.printf(Locale.ROOT, "%-44s %8.2f ms median (p10 %.2f, p90 %.2f, n = %d); CPU time %.2f ms%n",
        label, s.median(), s.p10(), s.p90(), s.n(), s.cpuMs());
    System.out.printf(Locale.ROOT, "RESULT %s_cpu_ms=%.2f%n", key, s.cpuMs());
    System.out.printf(Locale.ROOT, "RESULT %s_ms=%.2f%nRESULT %s_p10=%.2f%nRESULT %s_p90=%.2f%nRESULT %s_n=%d%n",
        key, s.median(), key, s.p10(), key, s.p90(), key, s.n());
    var samples = new StringBuilder("SAMPLES ").append(key);
    for (double ms : s.samples()) samples.append(String.format(Locale.ROOT, " %.3f", ms));
    System.out.println(samples);
  }

  /**
   * GFLOP/s of C = A B for square float32 matrices: the fastest of 10 after warm-up, since a bound
   * wants what the hardware can do, and other work on a shared machine only ever slows it.
   */
  static double squareGemmGflops(int n) {
    INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray c = Nd4j.createUninitialized(DataType.FLOAT, n, n);
    Stats s = time(3, 10, () -> Gemm.multiply(a, b, c, false, false, 1.0, 0.0));
    double fastest = Arrays.stream(s.samples()).min().orElseThrow();
    return 2.0 * n * n * n / fastest / 1e6;
  }

  /**
   * The iteration's GEMMs alone, on preallocated operands: what the library cannot beat with these
   * kernels. They go through the layers' own call ({@link Gemm#multiply}, one cblas_sgemm), not
   * {@code Nd4j.gemm}, whose op layer adds a cost of its own, largest on the transposed products
   * with OpenBLAS (bench/README.md, December 6, evening).
   */
  static Stats iterationGemms(GemmCount count) {
    int k = count.gemms().size();
    INDArray[] a = new INDArray[k];
    INDArray[] b = new INDArray[k];
    INDArray[] c = new INDArray[k];
    for (int i = 0; i < k; i++) {
      var gemm = count.gemms().get(i);
      a[i] = gemm.transA() ? Nd4j.rand(DataType.FLOAT, gemm.inner(), gemm.rows()) : Nd4j.rand(DataType.FLOAT, gemm.rows(), gemm.inner());
      b[i] = gemm.transB() ? Nd4j.rand(DataType.FLOAT, gemm.columns(), gemm.inner()) : Nd4j.rand(DataType.FLOAT, gemm.inner(), gemm.columns());
      c[i] = Nd4j.createUninitialized(DataType.FLOAT, gemm.rows(), gemm.columns());
    }
    return time(10, 50, () -> {
      for (int i = 0; i < k; i++) {
        var gemm = count.gemms().get(i);
        Gemm.multiply(a[i], b[i], c[i], gemm.transA(), gemm.transB(), 1.0, 0.0);
      }
    });
  }
}
