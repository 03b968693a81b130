package org.ganbook.theory;

import org.ganbook.data.Gaussian;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Equally spaced points x_0 .. x_{n-1} on [lo, hi] in double precision, with the trapezoid rule as
 * quadrature. For densities that vanish at both ends of the grid the trapezoid rule's error terms
 * (Euler-Maclaurin) cancel, so it converges faster than any power of dx: on Gaussians it is exact
 * to rounding long before Simpson's rule would be, which is what lets the theorems be checked to 1e-6.
 */
public record Grid(double lo, double hi, int n) {
    public Grid {
        if (!(lo < hi) || n < 3) {
            throw new IllegalArgumentException("need lo < hi and n >= 3, got [" + lo + ", " + hi + "], n=" + n);
        }
    }

    public static Grid of(double lo, double hi, int n) {
        return new Grid(lo, hi, n);
    }

    public double dx() {
        return (hi - lo) / (n - 1);
    }

    /**
     * The points x_i = lo + i dx, a fresh [n] double vector. Built from arange, not ND4J's linspace,
     * which advances the thread's random generator: drawing a chart must not change the next draw.
     */
    public INDArray x() {
        return Nd4j.arange(0, n).castTo(DataType.DOUBLE).muli(dx()).addi(lo);
    }

    /** The points as a fresh [n, 1] float column: the input a network of one variable takes. */
    public INDArray column() {
        return x().castTo(DataType.FLOAT).reshape(n, 1);
    }

    /** Trapezoid rule: dx * (f_0 / 2 + f_1 + ... + f_{n-2} + f_{n-1} / 2), f given at the grid points. */
    public double integrate(INDArray f) {
        requireOnGrid(f);
        var v = f.castTo(DataType.DOUBLE).reshape(n);
        // Interior and ends summed apart (not "sum minus half the ends"), so an infinite end stays
        // infinite instead of turning into inf - inf = NaN.
        double interior = v.get(NDArrayIndex.interval(1, n - 1)).sumNumber().doubleValue();
        return dx() * (interior + 0.5 * (v.getDouble(0) + v.getDouble(n - 1)));
    }

    /** Values at the grid points, as a density on this grid. */
    public Density density(INDArray values) {
        return new Density(this, values);
    }

    /** N(mu, sigma^2) on the grid. */
    public Density gaussian(double mu, double sigma) {
        return density(new Gaussian(mu, sigma).density(x()));
    }

    /** sum_k w_k N(mu_k, sigma_k^2), the weights normalised to sum to one. */
    public Density mixture(double[] weights, double[] mu, double[] sigma) {
        if (weights.length != mu.length || mu.length != sigma.length || weights.length == 0) {
            throw new IllegalArgumentException("weights, mu and sigma need one entry per component, got "
                    + weights.length + ", " + mu.length + ", " + sigma.length);
        }
        double total = java.util.Arrays.stream(weights).sum();
        var x = x();
        var p = Nd4j.zeros(DataType.DOUBLE, n);
        for (int k = 0; k < weights.length; k++) { // over components, not elements
            if (weights[k] < 0) {
                throw new IllegalArgumentException("weight " + k + " is negative: " + weights[k]);
            }
            p.addi(new Gaussian(mu[k], sigma[k]).density(x).muli(weights[k] / total));
        }
        return density(p);
    }

    /**
     * The histogram density of samples with {@code bins} equal bins spanning the grid: at each grid
     * point, the count of its bin over (number of samples x bin width). Samples outside [lo, hi] are
     * counted in the total but in no bin, so the mass falls short of one by their share.
     */
    public Density histogram(INDArray samples, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("need at least one bin, got " + bins);
        }
        // Binning is a scatter-add, which ND4J has no simple op for; samples are converted once at
        // this edge (it builds a density for a chart or a theorem, not a training step).
        double[] s = samples.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        double width = (hi - lo) / bins;
        double[] counts = new double[bins];
        for (double v : s) {
            if (v >= lo && v <= hi) {
                counts[bin(v, width, bins)]++;
            }
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = counts[bin(lo + i * dx(), width, bins)] / (s.length * width);
        }
        return density(Nd4j.createFromArray(p));
    }

    private int bin(double v, double width, int bins) {
        return Math.min((int) ((v - lo) / width), bins - 1); // hi belongs to the last bin
    }

    void requireOnGrid(INDArray f) {
        if (f.length() != n) {
            throw new IllegalArgumentException("values have " + f.length() + " entries, the grid has " + n);
        }
    }
}
