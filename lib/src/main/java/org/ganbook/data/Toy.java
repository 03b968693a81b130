package org.ganbook.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The toy distributions of the notebooks, and the seeded random generator they sample from.
 *
 * <p>Sampling uses ND4J's own generator ({@link #random(long)}) rather than java.util's, so the
 * draws happen inside ND4J operations (no Java loop over elements) and the same code runs on the
 * CUDA backend. A seed fixes the samples for one backend; CPU and CUDA generators may differ.
 * Pass one generator through a training loop to get fresh, reproducible batches; the
 * {@code sample(n, seed)} overloads start a new generator each call and so repeat themselves.
 * Each distribution is also a {@link Sampler}: {@code sample(m)} draws from this thread's generator,
 * whose state a trainer owns while it trains, so {@code Toy.gaussian(2, 0.5)} is a p_data as it stands.
 */
public final class Toy {
    private Toy() {}

    /** A fresh generator; the same seed gives the same sequence. */
    public static Random random(long seed) {
        return Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /** 1-D N(mu, sigma^2). */
    public static Gaussian gaussian(double mu, double sigma) {
        return new Gaussian(mu, sigma);
    }

    /** Uniform on [low, high] per coordinate. */
    public static Uniform uniform(double low, double high) {
        return new Uniform(low, high);
    }

    /** The paper's p_z, uniform on [-sqrt 3, sqrt 3]. */
    public static Uniform paperNoise() {
        return Uniform.paperNoise();
    }

    /**
     * Eight Gaussians on the unit circle, sigma 0.01, at the eight distinct angles 2 pi i / 8.
     * (linspace(0, 2 pi, 8) would put the first and last mode both at angle 0, leaving seven.)
     */
    public static GaussianMixture2D ring() {
        return ring(8, 1.0, 0.01);
    }

    /** k Gaussians on a circle of the given radius at angles 2 pi i / k. */
    public static GaussianMixture2D ring(int k, double radius, double sigma) {
        var angle = Nd4j.arange(k).castTo(DataType.DOUBLE).muli(2 * Math.PI / k);
        var centres = Nd4j.hstack(
                Transforms.cos(angle).reshape(k, 1),
                Transforms.sin(angle).reshape(k, 1)).muli(radius);
        return new GaussianMixture2D(centres, sigma);
    }

    /** Twenty-five Gaussians at {-4, -2, 0, 2, 4}^2, sigma 0.05. */
    public static GaussianMixture2D grid() {
        double[][] centres = new double[25][];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                centres[5 * i + j] = new double[] {-4 + 2 * i, -4 + 2 * j};
            }
        }
        return new GaussianMixture2D(Nd4j.createFromArray(centres), 0.05);
    }
}
