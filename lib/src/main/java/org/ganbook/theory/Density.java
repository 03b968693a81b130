package org.ganbook.theory;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A 1-D density p given by its values at the points of a grid (double precision). */
public record Density(Grid grid, INDArray p) {
    public Density {
        grid.requireOnGrid(p);
        p = p.castTo(DataType.DOUBLE).reshape(grid.n()).dup();
        if (p.minNumber().doubleValue() < 0 || Double.isNaN(p.sumNumber().doubleValue())) {
            throw new IllegalArgumentException("a density is non-negative and not NaN");
        }
    }

    /** The values p(x_i); a copy. */
    @Override
    public INDArray p() {
        return p.dup();
    }

    /** Integral of p over the grid: 1 for a density the grid covers. */
    public double mass() {
        return grid.integrate(p);
    }

    /** p divided by its mass on the grid, so that it integrates to exactly one there. */
    public Density normalised() {
        return new Density(grid, p.div(mass()));
    }

    /**
     * The grid points where p is at least {@code fraction} of its peak: p's support as a check on
     * D sees it, without the far tails where neither density has mass enough to train D (0.01
     * keeps mu ± 3 sigma of a Gaussian).
     */
    public boolean[] support(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the support is where p >= fraction * its peak, fraction in [0, 1], got " + fraction);
        }
        double[] v = toArray();
        double peak = java.util.Arrays.stream(v).max().orElse(0);
        boolean[] in = new boolean[v.length];
        for (int i = 0; i < v.length; i++) in[i] = v[i] >= fraction * peak;
        return in;
    }

    /** Values for a chart or a table. */
    public double[] toArray() {
        return p.toDoubleVector();
    }
}
