package org.ganbook.data;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The real data set, when environment/fetch-mnist.sh has put it in place; skipped otherwise. */
class RealMnistTest {
    // Per-class counts published with MNIST (LeCun et al.), an independent check of the labels.
    static final int[] TRAIN_COUNTS = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
    static final int[] TEST_COUNTS = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

    @Test
    void loadsTheFullVerifiedSplits() {
        Assumptions.assumeTrue(Mnist.available(), "MNIST is not in " + Mnist.dataDirectory()
                + "; run " + Mnist.FETCH_COMMAND + " to include this test");
        var splits = MnistSplits.load();
        var train = Mnist.train();
        assertArrayEquals(new long[] {60_000, 784}, train.images().shape());
        assertArrayEquals(TRAIN_COUNTS, train.classCounts());
        assertEquals(0.0, train.images().minNumber().doubleValue());
        assertEquals(1.0, train.images().maxNumber().doubleValue());
        // Mean pixel intensity of the training set, 0.1307 (33.32 / 255), the widely quoted
        // normalisation constant. Summed in double: a float32 sum of 47 million pixels drifts to 0.1311.
        assertEquals(0.1307, train.images().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .meanNumber().doubleValue(), 1e-4);

        var test = splits.test();
        assertArrayEquals(new long[] {10_000, 784}, test.images().shape());
        assertArrayEquals(TEST_COUNTS, test.classCounts());
        assertEquals(0.0, test.images().minNumber().doubleValue());
        assertEquals(1.0, test.images().maxNumber().doubleValue());

        assertEquals(50_000, splits.train().size());
        assertEquals(10_000, splits.validation().size());
        assertEquals(train.images().getRow(50_000), splits.validation().images().getRow(0));
        assertEquals(train.labels()[59_999], splits.validation().labels()[9_999]);
        assertEquals(1_000, splits.parzenValidation().size());
        assertEquals(train.images().getRow(50_999), splits.parzenValidation().images().getRow(999));
    }
}
