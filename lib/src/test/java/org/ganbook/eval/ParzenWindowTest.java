package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;

class ParzenWindowTest {
    /** Draws [n, d] from N(mean, diag(scale^2)). */
    static INDArray gaussian(int n, double[] mean, double[] scale, long seed) {
        var z = Nd4j.createUninitialized(DataType.DOUBLE, n, mean.length);
        Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0, 1), Nd4j.getRandomFactory().getNewRandomInstance(seed));
        return z.mulRowVector(Nd4j.createFromArray(scale)).addiRowVector(Nd4j.createFromArray(mean));
    }

    /** Exact mean log-density of the rows of x under N(mean, diag(scale^2)). */
    static double exactMeanLogLikelihood(INDArray x, double[] mean, double[] scale) {
        double[][] v = x.toDoubleMatrix();
        double sum = 0;
        for (double[] row : v) {
            for (int j = 0; j < mean.length; j++) {
                double z = (row[j] - mean[j]) / scale[j];
                sum += -0.5 * z * z - Math.log(scale[j]) - 0.5 * Math.log(2 * Math.PI);
            }
        }
        return sum / v.length;
    }

    /** log p(x) term by term in double, no GEMM, no blocks: the reference for the batched code. */
    static double direct(double[][] mu, double[] x, double sigma) {
        double[] e = new double[mu.length];
        for (int i = 0; i < mu.length; i++) {
            double d2 = 0;
            for (int j = 0; j < x.length; j++) {
                d2 += (x[j] - mu[i][j]) * (x[j] - mu[i][j]);
            }
            e[i] = -d2 / (2 * sigma * sigma);
        }
        double max = Arrays.stream(e).max().orElseThrow();
        double s = Arrays.stream(e).map(v -> Math.exp(v - max)).sum();
        return max + Math.log(s) - Math.log(mu.length) - 0.5 * x.length * Math.log(2 * Math.PI * sigma * sigma);
    }

    @Test
    void paperSigmasAreLogspaceMinusOneToZero() {
        double[] s = ParzenWindow.paperSigmas();
        assertEquals(10, s.length);
        assertEquals(0.1, s[0], 1e-15);
        assertEquals(1.0, s[9], 1e-15);
        assertEquals(Math.pow(10, -5 / 9.0), s[4], 1e-15);
        for (int i = 1; i < 10; i++) {
            assertEquals(Math.pow(10, 1 / 9.0), s[i] / s[i - 1], 1e-12);
        }
    }

    @Test
    void batchedEqualsDirectDoubleComputation() {
        // More points than one block, so block boundaries are crossed.
        var samples = gaussian(300, new double[] {0, 1, 2, 3, 4}, new double[] {1, 1, 2, 0.5, 1}, 1);
        var x = gaussian(ParzenWindow.BLOCK + 37, new double[] {0, 1, 2, 3, 4}, new double[] {1, 1, 2, 0.5, 1}, 2);
        var pw = new ParzenWindow(samples);
        double[][] mu = samples.toDoubleMatrix();
        double[][] xs = x.toDoubleMatrix();
        double[] sigmas = {0.1, 0.35, 1.0};
        double[][] ll = pw.logLikelihoods(x, sigmas, f -> {});
        for (int s = 0; s < sigmas.length; s++) {
            for (int i : new int[] {0, 1, 250, ParzenWindow.BLOCK - 1, ParzenWindow.BLOCK, ParzenWindow.BLOCK + 36}) {
                assertEquals(direct(mu, xs[i], sigmas[s]), ll[s][i], 1e-4, "sigma " + sigmas[s] + ", point " + i);
            }
        }
        assertArrayEquals(ll[1], pw.logLikelihood(x, 0.35), 0.0);
    }

    @Test
    void farPointsKeepAFiniteLogLikelihood() {
        // Every exponent is below -1e5: exp underflows to 0 for all of them, and a naive
        // log(mean(exp(.))) would be -Infinity. With one kernel the exact value is a parabola.
        var samples = Nd4j.createFromArray(new double[][] {{0, 0, 0}});
        var x = Nd4j.createFromArray(new double[][] {{50, 0, 0}, {0, 80, 60}});
        double sigma = 0.1;
        double[] ll = new ParzenWindow(samples).logLikelihood(x, sigma);
        double norm = -1.5 * Math.log(2 * Math.PI * sigma * sigma);
        assertEquals(-2500 / (2 * sigma * sigma) + norm, ll[0], 1e-6 * 125_000);
        assertEquals(-10_000 / (2 * sigma * sigma) + norm, ll[1], 1e-6 * 500_000);
        // Two far kernels at different distances: the nearer dominates, the other adds a finite term.
        var two = Nd4j.createFromArray(new double[][] {{0, 0, 0}, {1, 0, 0}});
        double[] ll2 = new ParzenWindow(two).logLikelihood(x.getRow(0, true), 1.0);
        assertEquals(direct(two.toDoubleMatrix(), new double[] {50, 0, 0}, 1.0), ll2[0], 1e-6 * 1200);
        assertTrue(Double.isFinite(ll2[0]));
    }

    @Test
    void sigmaIsChosenFromTheGridAndMaximisesTheValidationCurve() {
        double[] mean = {0.5, -1};
        double[] scale = {1, 0.5};
        var result = ParzenWindow.evaluate(gaussian(1000, mean, scale, 3), gaussian(300, mean, scale, 4),
                gaussian(300, mean, scale, 5));
        double[] sigmas = ParzenWindow.paperSigmas();
        assertTrue(Arrays.stream(sigmas).anyMatch(s -> s == result.sigma()), "sigma " + result.sigma());
        assertArrayEquals(sigmas, result.sigmas());
        int chosen = Arrays.asList(Arrays.stream(sigmas).boxed().toArray()).indexOf(result.sigma());
        for (double v : result.validationMeans()) {
            assertTrue(v <= result.validationMeans()[chosen]);
        }
        // Neither end of the grid: on this data the best width is interior.
        assertTrue(chosen > 0 && chosen < 9, "chosen index " + chosen);
        assertTrue(result.standardError() > 0);
    }

    @Test
    void standardErrorIsPopulationStdOverRootN() {
        var samples = Nd4j.createFromArray(new double[][] {{0.0}});
        var test = Nd4j.createFromArray(new double[][] {{0.0}, {1.0}, {2.0}});
        var r = new ParzenWindow(samples).evaluate(test, test, new double[] {1.0}, f -> {});
        // With one kernel of width 1 at 0, log p(x) = -x^2 / 2 - log sqrt(2 pi).
        double c = 0.5 * Math.log(2 * Math.PI);
        double[] ll = {-c, -0.5 - c, -2.0 - c};
        double m = (ll[0] + ll[1] + ll[2]) / 3;
        double var = 0;
        for (double l : ll) {
            var += (l - m) * (l - m) / 3;
        }
        assertEquals(1.0, r.sigma());
        assertEquals(m, r.mean(), 1e-9);
        assertEquals(Math.sqrt(var) / Math.sqrt(3), r.standardError(), 1e-9);
    }

    @Test
    void approachesTheExactLogLikelihoodOfAGaussianAsSamplesGrow() {
        double[] mean = {1, -2, 0, 0.5, 3};
        double[] scale = {1, 1, 1, 1, 1};
        var validation = gaussian(500, mean, scale, 100);
        var test = gaussian(1000, mean, scale, 101);
        double exact = exactMeanLogLikelihood(test, mean, scale);
        List<Double> errors = new ArrayList<>();
        for (int n : new int[] {50, 400, 3200}) {
            var r = ParzenWindow.evaluate(gaussian(n, mean, scale, n), validation, test);
            errors.add(exact - r.mean());
            System.out.printf("n = %d: Parzen %.4f, exact %.4f, sigma %.3f%n", n, r.mean(), exact, r.sigma());
        }
        // A Parzen estimate from finitely many samples underestimates the likelihood (it spreads
        // mass where the samples happened to fall); the gap shrinks as n grows. Measured here:
        // 0.34, 0.16, 0.09 nats for n = 50, 400, 3200 in d = 5.
        assertTrue(errors.get(0) > errors.get(1) && errors.get(1) > errors.get(2), errors.toString());
        assertTrue(errors.get(2) > 0 && errors.get(2) < 0.12, errors.toString());
    }

    @Test
    void refusesPointsOfAnotherDimension() {
        var pw = new ParzenWindow(Nd4j.zeros(DataType.FLOAT, 4, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> pw.logLikelihood(Nd4j.zeros(2, 5), 0.1));
        assertTrue(e.getMessage().contains("[2, 5]"), e.getMessage());
    }
}
