package org.ganbook.viz;

import org.ganbook.data.RandomState;
import org.ganbook.data.Sampler;
import org.ganbook.nn.Sequential;
import org.ganbook.theory.Density;
import org.ganbook.theory.Divergence;
import org.ganbook.theory.Grid;
import org.ganbook.theory.KernelDensity;
import org.ganbook.theory.Theory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A 1-D GAN at one moment of training, as a panel of Figure 1 draws it: p_data, p_g estimated from
 * G's samples ({@link KernelDensity}), D(x) = sigmoid(D's logit) on a grid, and a few z with their
 * images G(z). The measures it reports (JSD, D*_G) are the theory package's, taken on its grid.
 */
public record Snapshot1D(Density pData, Density pG, double[] d, double[] z, double[] gz) {

  /** Draws of G for p_g when none are given. */
  public static final int SAMPLES = 20_000;

  /**
   * The seed of the z drawn for p_g: fixed, so that a snapshot of the same networks is the same in
   * every run and a chapter's printed JSD repeats. Not 0, which libnd4j reads as "seed from the clock".
   */
  static final long SEED = 1;

  /** Evaluates G, D and p_z now, with {@link #SAMPLES} draws for p_g and 20 for the drawn mapping. */
  public static Snapshot1D of(Density pData, Sequential g, Sequential d, Sampler pZ) {
    return of(pData, g, d, pZ, SAMPLES, 20);
  }

  /**
   * Evaluates G, D and p_z now. The z are drawn as right after seeding ND4J's generator with
   * {@link #SEED}, on a generator state of its own: the caller's generator is left where it was,
   * and {@link
   * org.ganbook.gan.Algorithm1} keeps its own state, so snapshots between {@code train} calls
   * change nothing. The mapping uses {@code arrows} evenly spaced quantiles of the drawn z.
   */
  public static Snapshot1D of(Density pData, Sequential g, Sequential d, Sampler pZ, int samples, int arrows) {
    if (samples < 2) throw new IllegalArgumentException("need at least 2 samples of G, got " + samples);
    return RandomState.seeded(SEED).use(() -> evaluate(pData, g, d, pZ, samples, arrows));
  }

  private static Snapshot1D evaluate(Density pData, Sequential g, Sequential d, Sampler pZ, int samples, int arrows) {
    INDArray z = pZ.sample(samples);
    if (z.columns() != 1) throw new IllegalArgumentException("Figure 1 needs a 1-D z, got " + z.columns() + " columns");
    Grid grid = pData.grid();
    INDArray x = grid.x();
    INDArray gz = g.apply(z.castTo(Nd4j.defaultFloatingPointType()));
    Density pG = KernelDensity.estimate(grid, gz);
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
    boolean[] support = pData.support(fraction);
    double worst = 0;
    for (int i = 0; i < support.length; i++) {
      if (support[i]) worst = Math.max(worst, Math.abs(d[i] - (reference == null ? 0.5 : reference[i])));
    }
    return worst;
  }

  /** The panel's data for {@link Figure1#panels}. */
  public Figure1.Snapshot figure() {
    return new Figure1.Snapshot(pData.grid().x().toDoubleVector(), pData.toArray(), pG.toArray(), d, z, gz);
  }
}
