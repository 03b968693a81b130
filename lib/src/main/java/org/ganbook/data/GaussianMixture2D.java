package org.ganbook.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An equal-weight mixture of isotropic 2-D Gaussians with one sigma: the mode-collapse benchmarks
 * (VEEGAN, PacGAN). The centres and sigma are exposed because the metrics are defined by them: a
 * sample is of high quality within 3 sigma of its nearest centre. As a {@link Sampler} it is a p_data
 * for Algorithm 1 as it stands.
 */
public record GaussianMixture2D(INDArray centres, double sigma) implements Sampler {
    public GaussianMixture2D {
        if (centres.rank() != 2 || centres.columns() != 2 || centres.rows() < 1) {
            throw new IllegalArgumentException("centres must be [K, 2], got " + java.util.Arrays.toString(centres.shape()));
        }
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("need sigma > 0, got " + sigma);
        }
        centres = centres.castTo(DataType.DOUBLE).dup();
    }

    /** The centres [K, 2] in double; a copy, so a caller cannot move the modes. */
    @Override
    public INDArray centres() {
        return centres.dup();
    }

    public int modes() {
        return (int) centres.rows();
    }

    /** n draws [n, 2] in the default floating type: a uniformly chosen centre plus N(0, sigma^2 I). */
    public INDArray sample(int n, Random rng) {
        var type = Nd4j.defaultFloatingPointType();
        var u = Nd4j.createUninitialized(DataType.DOUBLE, n);
        Nd4j.getExecutioner().exec(new UniformDistribution(u, 0, modes()), rng);
        // floor(U[0, K)) is a uniform mode index; the min guards the measure-zero draw u == K.
        var mode = Transforms.min(Transforms.floor(u, false), modes() - 1, false).castTo(DataType.INT32);
        var x = Nd4j.exec(new Gather(centres.castTo(type), mode, 0))[0];
        var noise = Nd4j.createUninitialized(type, n, 2);
        Nd4j.getExecutioner().exec(new GaussianDistribution(noise, 0, sigma), rng);
        return x.addi(noise);
    }

    /** m draws [m, 2] from this thread's generator ({@code Nd4j.getRandom()}), as a trainer draws. */
    @Override
    public INDArray sample(int m) {
        return sample(m, Nd4j.getRandom());
    }

    /**
     * n draws from a fresh generator seeded with {@code seed}: the same seed, the same samples. It
     * leaves this thread's generator as it was, unlike {@link Sampler#sample(int, long)}'s default.
     */
    @Override
    public INDArray sample(int n, long seed) {
        return sample(n, Toy.random(seed));
    }

    /** Mixture density at points [n, 2], as a [n] double vector (for heatmaps). */
    public INDArray density(INDArray points) {
        var x = points.castTo(DataType.DOUBLE);
        // Squared distance of every point to every centre, [n, K].
        var d2 = x.mul(x).sum(1).reshape(-1, 1)
                .add(centres.mul(centres).sum(1).reshape(1, -1))
                .subi(x.mmul(centres.transpose()).muli(2));
        var kernel = Transforms.exp(d2.muli(-0.5 / (sigma * sigma)), false);
        return kernel.sum(1).divi(modes() * 2 * Math.PI * sigma * sigma);
    }
}
