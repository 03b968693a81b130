package org.ganbook.eval;

/**
 * A Parzen-window evaluation as the paper reports it (Table 1): the kernel width chosen on the
 * validation set, the mean test log-likelihood in nats and its standard error (std / sqrt(N), the
 * "± 2" of "225 ± 2"), and the validation curve behind the choice of sigma.
 */
public record ParzenResult(double sigma, double mean, double standardError, double[] sigmas, double[] validationMeans) {
    public ParzenResult {
        sigmas = sigmas.clone();
        validationMeans = validationMeans.clone();
    }

    @Override
    public double[] sigmas() {
        return sigmas.clone();
    }

    @Override
    public double[] validationMeans() {
        return validationMeans.clone();
    }

    @Override
    public String toString() {
        return String.format("Parzen log-likelihood %.2f ± %.2f (sigma = %.4f)", mean, standardError, sigma);
    }
}
