package org.ganbook.viz;

import org.ganbook.data.Sampler;
import org.ganbook.nn.Sequential;
import org.ganbook.theory.Density;
import org.ganbook.theory.Divergence;
import org.ganbook.theory.Grid;
import org.ganbook.theory.Theory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A 1-D GAN at one moment of training, as a panel of Figure 1 draws it: p_data, p_g estimated from
 * G's samples, D(x) = sigmoid(D's logit) on a grid, and a few z with their images G(z).
 *
 * <p>p_g is a Gaussian kernel density estimate of {@code samples} draws x = G(z) with Silverman's
 * bandwidth h = 1.06 s n^(-1/5): it widens p_g by h^2 in variance, which for 20,000 samples of a
 * Gaussian costs about 1e-4 nats of JSD, far below the differences a run shows.
 */
public record Snapshot1D(Density pData, Density pG, double[] d, double[] z, double[] gz) {

  /** Draws of G for p_g when none are given. */
  public static final int SAMPLES = 20_000;

  /** Evaluates G, D and p_z now, with {@link #SAMPLES} draws for p_g and 20 for the drawn mapping. */
  public static Snapshot1D of(Density pData, Sequential g, Sequential d, Sampler pZ) {
    return of(pData, g, d, pZ, SAMPLES, 20);
  }

  /**
   * Evaluates G, D and p_z now. The draws come from ND4J's generator seeded with 0 (left seeded so):
   * {@link org.ganbook.gan.Algorithm1} keeps its own random state, so snapshots between
   * {@code train} calls do not change training. The mapping uses {@code arrows} evenly spaced
   * quantiles of the drawn z.
   */
  public static Snapshot1D of(Density pData, Sequential g, Sequential d, Sampler pZ, int samples, int arrows) {
    if (samples < 2) throw new IllegalArgumentException("need at least 2 samples of G, got " + samples);
    // A fixed seed: the estimate of p_g depends on G alone. Training is not disturbed, since
    // Algorithm1 keeps its own generator state between train calls.
    Nd4j.getRandom().setSeed(0);
    INDArray z = pZ.sample(samples);
    if (z.columns() != 1) throw new IllegalArgumentException("Figure 1 needs a 1-D z, got " + z.columns() + " columns");
    Grid grid = pData.grid();
    INDArray x = grid.x();
    INDArray gz = g.apply(z.castTo(Nd4j.defaultFloatingPointType()));
    Density pG = grid.density(kernelDensity(gz.castTo(DataType.DOUBLE).reshape(-1), x));
    double[] dx = Transforms.sigmoid(d.apply(x.castTo(Nd4j.defaultFloatingPointType()).reshape(-1, 1)), false)
        .castTo(DataType.DOUBLE).toDoubleVector();
    double[] zs = z.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
    double[] xs = gz.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
    Integer[] order = new Integer[zs.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> Double.compare(zs[a], zs[b]));
    int n = Math.max(0, arrows);
    double[] za = new double[n], ga = new double[n];
    for (int i = 0; i < n; i++) {
      int k = order[(int) Math.round((i + 0.5) / n * (order.length - 1))];
      za[i] = zs[k];
      ga[i] = xs[k];
    }
    return new Snapshot1D(pData, pG, dx, za, ga);
  }

  /** Gaussian kernel density of {@code samples} [n] at the points {@code x} [N], Silverman's bandwidth. */
  static INDArray kernelDensity(INDArray samples, INDArray x) {
    long n = samples.length();
    double s = samples.stdNumber().doubleValue();
    double h = 1.06 * (s > 0 ? s : 1e-3) * Math.pow(n, -0.2);
    // Broadcast [N, 1] - [1, n]; in blocks of grid points to bound memory.
    INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, x.length());
    INDArray row = samples.reshape(1, n);
    int block = (int) Math.max(1, 4_000_000 / n);
    for (long start = 0; start < x.length(); start += block) {
      long end = Math.min(x.length(), start + block);
      INDArray xb = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end)).reshape(end - start, 1);
      INDArray u = row.sub(xb).divi(h);
      INDArray k = Transforms.exp(u.muli(u).muli(-0.5), false).sum(1).divi(n * h * Math.sqrt(2 * Math.PI));
      out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end)).assign(k);
    }
    return out;
  }

  /** JSD(p_data || p_g) in nats on the grid (0 when G has learned p_data, log 2 when they are apart). */
  public double jsd() { return Divergence.jsd(pData, pG); }

  /** Proposition 1's D*_G = p_data / (p_data + p_g) on the grid. */
  public double[] optimalD() { return Theory.optimalDiscriminator(pData, pG).toDoubleVector(); }

  /**
   * max |D(x) - 1/2| over the data's support, taken as the grid points where p_data is at least
   * {@code fraction} of its peak (0.01 keeps mu ± 3 sigma of a Gaussian).
   */
  public double maxDistanceFromHalf(double fraction) { return maxOverSupport(fraction, null); }

  /** max |D(x) - D*_G(x)| where p_data is at least {@code fraction} of its peak. */
  public double maxGapToOptimal(double fraction) { return maxOverSupport(fraction, optimalD()); }

  private double maxOverSupport(double fraction, double[] reference) {
    double[] p = pData.toArray();
    double peak = java.util.Arrays.stream(p).max().orElse(0);
    double worst = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] >= fraction * peak) worst = Math.max(worst, Math.abs(d[i] - (reference == null ? 0.5 : reference[i])));
    }
    return worst;
  }

  /** The panel's data for {@link Figure1#panels}. */
  public Figure1.Snapshot figure() {
    return new Figure1.Snapshot(pData.grid().x().toDoubleVector(), pData.toArray(), pG.toArray(), d, z, gz);
  }
}
