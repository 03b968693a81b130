package org.ganbook.eval;

import java.util.function.DoubleConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Parzen-window log-likelihood of the paper's Table 1, as goodfeli/adversarial's parzen_ll.py
 * computes it: an isotropic Gaussian kernel of width sigma on each of the n generated samples mu_i,
 *
 * <pre>log p(x) = logsumexp_i(-|x - mu_i|^2 / (2 sigma^2)) - log n - (d / 2) log(2 pi sigma^2),</pre>
 *
 * sigma chosen from logspace(-1, 0, 10) by the best mean log-likelihood on a validation set, then
 * the mean over the test set and its standard error.
 *
 * <p>The squared distances come from one GEMM per block of points, |x|^2 + |mu|^2 - 2 x mu^T, in
 * float32: that GEMM is the whole cost (10,000 x 10,000 x 784) and float32 runs it twice as fast.
 * Its rounding (about 1e-5 on |x|^2 near 100) is far below the kernel's scale. Everything after
 * (shift, exp, sum, log) is in double, so 10,000 terms per point sum without float32's drift.
 */
public final class ParzenWindow {
    /** Test points per GEMM: a [500, n] block of distances is 20 MB in float for n = 10,000. */
    static final int BLOCK = 500;

    private final INDArray mu;      // [n, d] float, the kernel centres
    private final INDArray muNorms; // [1, n] float, |mu_i|^2

    /** Kernels centred on {@code samples} [n, d] (e.g. 10,000 digits from G). */
    public ParzenWindow(INDArray samples) {
        if (samples.rank() != 2 || samples.rows() < 1) {
            throw new IllegalArgumentException("samples must be [n, d], got " + java.util.Arrays.toString(samples.shape()));
        }
        mu = samples.castTo(DataType.FLOAT).dup('c');
        muNorms = mu.mul(mu).sum(1).reshape(1, -1);
    }

    /** The paper's candidate widths, logspace(-1, 0, 10): 10^(-1 + i/9), i = 0..9. */
    public static double[] paperSigmas() {
        double[] s = new double[10];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.pow(10, -1 + i / 9.0);
        }
        return s;
    }

    /** The whole protocol with the paper's sigmas. */
    public static ParzenResult evaluate(INDArray samples, INDArray validation, INDArray test) {
        return new ParzenWindow(samples).evaluate(validation, test, paperSigmas(), f -> {});
    }

    /**
     * Chooses sigma on {@code validation} among {@code sigmas} (the first best on a tie, as numpy's
     * argmax), then evaluates {@code test} with it. {@code progress} receives the fraction done.
     */
    public ParzenResult evaluate(INDArray validation, INDArray test, double[] sigmas, DoubleConsumer progress) {
        long total = validation.rows() + test.rows();
        double[][] v = logLikelihoods(validation, sigmas, f -> progress.accept(f * validation.rows() / total));
        double[] means = new double[sigmas.length];
        int best = 0;
        for (int s = 0; s < sigmas.length; s++) {
            means[s] = mean(v[s]);
            if (means[s] > means[best]) {
                best = s;
            }
        }
        double sigma = sigmas[best];
        double[] ll = logLikelihoods(test, new double[] {sigma},
                f -> progress.accept((validation.rows() + f * test.rows()) / total))[0];
        double m = mean(ll);
        double var = 0;
        for (double l : ll) {
            var += (l - m) * (l - m);
        }
        // numpy's std (ddof = 0), divided by sqrt(N), as parzen_ll.py reports it.
        double se = Math.sqrt(var / ll.length) / Math.sqrt(ll.length);
        return new ParzenResult(sigma, m, se, sigmas, means);
    }

    /** log p(x) for each row of {@code x} [N, d] at one sigma. */
    public double[] logLikelihood(INDArray x, double sigma) {
        return logLikelihoods(x, new double[] {sigma}, f -> {})[0];
    }

    /**
     * log p(x) for each row of x [N, d] and each sigma, [sigmas][N]: the distances of a block are
     * computed once and reused for every sigma.
     */
    public double[][] logLikelihoods(INDArray x, double[] sigmas, DoubleConsumer progress) {
        long d = mu.columns();
        if (x.rank() != 2 || x.columns() != d) {
            throw new IllegalArgumentException("points must be [N, " + d + "] like the samples, got "
                    + java.util.Arrays.toString(x.shape()));
        }
        int n = (int) mu.rows();
        int points = (int) x.rows();
        var out = new double[sigmas.length][points];
        for (int start = 0; start < points; start += BLOCK) {
            int end = Math.min(points, start + BLOCK);
            var block = x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).castTo(DataType.FLOAT).dup('c');
            var d2 = squaredDistances(block);
            // logsumexp stabilised by the nearest sample: exp(-(d2 - min d2) / 2 sigma^2) has its
            // largest term 1, so a point far from every sample keeps a finite log-likelihood.
            var nearest = d2.min(1);
            var shifted = d2.subiColumnVector(nearest.reshape(-1, 1));
            var scratch = shifted.ulike();
            for (int s = 0; s < sigmas.length; s++) {
                double sigma = sigmas[s];
                double inv = -0.5 / (sigma * sigma);
                Transforms.exp(shifted.mul(inv, scratch), false);
                var lse = Transforms.log(scratch.sum(1), false).addi(nearest.mul(inv));
                double norm = -Math.log(n) - 0.5 * d * Math.log(2 * Math.PI * sigma * sigma);
                double[] ll = lse.addi(norm).toDoubleVector();
                System.arraycopy(ll, 0, out[s], start, ll.length);
            }
            progress.accept((double) end / points);
        }
        return out;
    }

    /** |x|^2 + |mu|^2 - 2 x mu^T for a block, [B, n], GEMM in float, returned in double. */
    private INDArray squaredDistances(INDArray block) {
        var d2 = Nd4j.createUninitialized(DataType.FLOAT, block.rows(), mu.rows());
        Nd4j.gemm(block, mu, d2, false, true, -2.0, 0.0);
        d2.addiColumnVector(block.mul(block).sum(1).reshape(-1, 1)).addiRowVector(muNorms);
        // Rounding can push the distance of a point to its own copy slightly below zero.
        return Transforms.max(d2, 0.0, false).castTo(DataType.DOUBLE);
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }
}
