package org.ganbook.theory;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Kullback-Leibler and Jensen-Shannon divergences of densities on one grid, in nats. */
public final class Divergence {
    private Divergence() {}

    /** KL(p || q) = integral of p log(p / q); 0 log 0 = 0, and +Infinity where p > 0 = q. */
    public static double kl(Density p, Density q) {
        sameGrid(p, q);
        var pv = p.p();
        return p.grid().integrate(plogRatio(pv, pv, q.p()));
    }

    /**
     * JSD(p || q) = KL(p || m) / 2 + KL(q || m) / 2 with m = (p + q) / 2; between 0 and log 2. The
     * ratios p / m are formed as 2p / (p + q): halving a subnormal density (far tails of a
     * Gaussian on a wide grid) can round m to 0 and turn p / m into infinity; p + q >= p cannot.
     */
    public static double jsd(Density p, Density q) {
        sameGrid(p, q);
        var pv = p.p();
        var qv = q.p();
        var sum = pv.add(qv);
        return 0.5 * p.grid().integrate(plogRatio(pv, pv.mul(2), sum).addi(plogRatio(qv, qv.mul(2), sum)));
    }

    /**
     * w log(a / b) elementwise, 0 where w = 0 whatever a and b are: the 0 log 0 = 0 convention
     * that makes KL and JSD finite where a density vanishes, done with a mask instead of a branch
     * (0 * log 0 would be NaN in floating point).
     */
    static INDArray plogRatio(INDArray w, INDArray a, INDArray b) {
        var live = w.gt(0).castTo(DataType.DOUBLE);
        var dead = live.rsub(1.0);
        var ratio = a.mul(live).addi(dead).divi(b.mul(live).addi(dead));
        return Transforms.log(ratio, false).muli(w);
    }

    static void sameGrid(Density p, Density q) {
        if (!p.grid().equals(q.grid())) {
            throw new IllegalArgumentException("densities on different grids: " + p.grid() + " and " + q.grid());
        }
    }
}
