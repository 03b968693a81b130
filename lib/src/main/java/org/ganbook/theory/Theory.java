package org.ganbook.theory;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Section 4 of the paper for 1-D densities on a grid: the value function V(G, D), the optimal
 * discriminator D*_G (Proposition 1) and the virtual training criterion C(G) = max_D V(G, D)
 * (Theorem 1: C(G) = -log 4 + 2 JSD(p_data || p_g)), by quadrature in double precision.
 */
public final class Theory {
    private Theory() {}

    /**
     * D*_G(x) = p_data(x) / (p_data(x) + p_g(x)) at each grid point. Where both densities vanish
     * every D is optimal (a log y + b log(1 - y) with a = b = 0 is flat); we define D* = 1/2 there,
     * the value it takes wherever p_g = p_data, so charts stay finite and nothing changes in C(G),
     * whose integrand carries both densities as weights.
     */
    public static INDArray optimalDiscriminator(Density pData, Density pG) {
        Divergence.sameGrid(pData, pG);
        var pd = pData.p();
        var sum = pd.add(pG.p());
        var empty = sum.eq(0).castTo(DataType.DOUBLE);
        return pd.addi(empty.mul(0.5)).divi(sum.addi(empty));
    }

    /**
     * V(G, D) = E_{p_data}[log D(x)] + E_{p_g}[log(1 - D(x))] for a discriminator given by its
     * values d on the grid (in [0, 1]); a density's zero weight cancels log 0, but D = 0 where
     * p_data > 0 (or D = 1 where p_g > 0) gives -Infinity, as it should.
     */
    public static double valueFunction(Density pData, Density pG, INDArray d) {
        Divergence.sameGrid(pData, pG);
        pData.grid().requireOnGrid(d);
        var dv = d.castTo(DataType.DOUBLE).reshape(pData.grid().n());
        var one = dv.like().assign(1.0);
        var f = Divergence.plogRatio(pData.p(), dv, one).addi(Divergence.plogRatio(pG.p(), dv.rsub(1.0), one));
        return pData.grid().integrate(f);
    }

    /**
     * C(G) = V(G, D*_G). log D* and log(1 - D*) are formed as log(p_data / (p_data + p_g)) and
     * log(p_g / (p_data + p_g)) rather than from D*, so 1 - D* does not round to 0 where D* is near 1.
     */
    public static double virtualTrainingCriterion(Density pData, Density pG) {
        Divergence.sameGrid(pData, pG);
        var pd = pData.p();
        var pg = pG.p();
        var sum = pd.add(pg);
        var f = Divergence.plogRatio(pd, pd, sum).addi(Divergence.plogRatio(pg, pg, sum));
        return pData.grid().integrate(f);
    }

    /**
     * The functional derivative of C with respect to p_g at each grid point, log(1 - D*_G(x)) =
     * log(p_g / (p_data + p_g)): the gradient Proposition 2's argument follows (the derivative of
     * a supremum at the D that attains it). -Infinity where p_g = 0 < p_data: adding mass there
     * lowers C without bound; 0 where both densities vanish.
     */
    public static INDArray criterionGradient(Density pData, Density pG) {
        Divergence.sameGrid(pData, pG);
        var pg = pG.p();
        var sum = pData.p().add(pg);
        var empty = sum.eq(0).castTo(DataType.DOUBLE);
        return Transforms.log(pg.addi(empty).divi(sum.addi(empty)), false);
    }
}
