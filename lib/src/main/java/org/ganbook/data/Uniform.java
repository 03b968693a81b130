package org.ganbook.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Uniform noise on [low, high] in every coordinate: the paper's prior p_z. As a {@link Sampler} it
 * draws one coordinate, the z of the paper's Figure 1; {@link #inDimensions} draws more.
 */
public record Uniform(double low, double high) implements Sampler {
    public Uniform {
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("need finite low < high, got [" + low + ", " + high + "]");
        }
    }

    /**
     * p_z of the paper's MNIST generator (goodfeli/adversarial, mnist.yaml): uniform on
     * [-sqrt 3, sqrt 3], which has mean 0 and variance 1, like the N(0, 1) it stands in for.
     */
    public static Uniform paperNoise() {
        return new Uniform(-Math.sqrt(3), Math.sqrt(3));
    }

    /** n draws of dim-dimensional noise, [n, dim], default floating type. */
    public INDArray sample(int n, int dim, Random rng) {
        var z = Nd4j.createUninitialized(Nd4j.defaultFloatingPointType(), n, dim);
        return Nd4j.getExecutioner().exec(new UniformDistribution(z, low, high), rng);
    }

    public INDArray sample(int n, int dim, long seed) {
        return sample(n, dim, Toy.random(seed));
    }

    /** m one-dimensional draws [m, 1] from this thread's generator ({@code Nd4j.getRandom()}), as a trainer draws. */
    @Override
    public INDArray sample(int m) {
        return sample(m, 1, Nd4j.getRandom());
    }

    /**
     * m draws [m, 1] from a fresh generator seeded with {@code seed}, as {@link #sample(int, int, long)}
     * draws: the same seed, the same samples, and this thread's generator left as it was.
     */
    @Override
    public INDArray sample(int m, long seed) {
        return sample(m, 1, seed);
    }

    /** The same noise in {@code dim} coordinates, [m, dim] per call, from this thread's generator. */
    public Sampler inDimensions(int dim) {
        if (dim < 1) throw new IllegalArgumentException("z needs at least one coordinate, got dim = " + dim);
        return m -> sample(m, dim, Nd4j.getRandom());
    }

    public double density() {
        return 1 / (high - low);
    }
}
