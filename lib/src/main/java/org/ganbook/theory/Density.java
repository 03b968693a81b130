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

    /** Values for a chart or a table. */
    public double[] toArray() {
        return p.toDoubleVector();
    }
}
