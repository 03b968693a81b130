package org.ganbook.data;

/**
 * The splits the paper's Parzen-window evaluation used (goodfeli/adversarial, parzen_ll.py, via
 * pylearn2): the first 50,000 training digits to train, the last 10,000 as validation (where the
 * kernel width sigma is chosen; the script keeps only the first 1,000 of them), the 10,000 test
 * digits to report.
 */
public record MnistSplits(Mnist train, Mnist validation, Mnist test) {
    public static final int TRAIN_END = 50_000;
    /** parzen_ll.py's --limit_size: sigma is chosen on the first 1,000 validation digits. */
    public static final int PARZEN_VALIDATION = 1_000;

    /** Reads and verifies both files and splits the training set at 50,000. */
    public static MnistSplits load() {
        Mnist all = Mnist.train();
        return new MnistSplits(all.rows(0, TRAIN_END), all.rows(TRAIN_END, all.size()), Mnist.test());
    }

    /** The 1,000 validation digits the paper's script chose sigma on. */
    public Mnist parzenValidation() {
        return validation.rows(0, Math.min(PARZEN_VALIDATION, validation.size()));
    }
}
