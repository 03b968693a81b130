package org.ganbook.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The one-dimensional N(mu, sigma^2): the p_data of the paper's Figure 1. It is a {@link Sampler},
 * so it goes where Algorithm 1 expects p_data or p_z: {@code new Algorithm1(G, D, Toy.gaussian(2, 0.5), ...)}.
 */
public record Gaussian(double mu, double sigma) implements Sampler {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    public Gaussian {
        if (!(sigma > 0) || !Double.isFinite(mu) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("need a finite mu and sigma > 0, got mu=" + mu + ", sigma=" + sigma);
        }
    }

    /** n draws as a column [n, 1] (a batch of one-dimensional inputs), default floating type. */
    public INDArray sample(int n, Random rng) {
        var x = Nd4j.createUninitialized(Nd4j.defaultFloatingPointType(), n, 1);
        return Nd4j.getExecutioner().exec(new GaussianDistribution(x, mu, sigma), rng);
    }

    /** m draws as a column [m, 1] from this thread's generator ({@code Nd4j.getRandom()}), as a trainer draws. */
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

    /** log p(x), elementwise, in x's data type. */
    public INDArray logDensity(INDArray x) {
        var z = x.sub(mu).divi(sigma);
        return z.muli(z).muli(-0.5).subi(Math.log(sigma) + LOG_SQRT_2PI);
    }

    /** p(x), elementwise, in x's data type. */
    public INDArray density(INDArray x) {
        return Transforms.exp(logDensity(x), false);
    }

    public double density(double x) {
        double z = (x - mu) / sigma;
        return Math.exp(-0.5 * z * z - Math.log(sigma) - LOG_SQRT_2PI);
    }
}
