package org.ganbook.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on small files written here, so each failure is one we constructed. */
class MnistReaderTest {
    @TempDir Path dir;

    static byte[] imagesFile(int magic, int n, int rows, int cols, int pixelBytes) {
        var b = ByteBuffer.allocate(16 + pixelBytes);
        b.putInt(magic).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < pixelBytes; i++) {
            b.put((byte) (i * 37 % 256));
        }
        return b.array();
    }

    static byte[] labelsFile(int magic, int... labels) {
        var b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(magic).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    Path write(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

    @Test
    void readsPixelsScaledToUnitIntervalAndLabels() throws IOException {
        var images = write("img", imagesFile(2051, 3, 28, 28, 3 * 784));
        var labels = write("lab", labelsFile(2049, 7, 0, 9));
        var mnist = Mnist.read(images, labels);
        assertArrayEquals(new long[] {3, 784}, mnist.images().shape());
        assertArrayEquals(new int[] {7, 0, 9}, mnist.labels());
        // Pixel k of the file is (k * 37) mod 256: unsigned, so bytes above 127 stay above 127.
        for (int k : new int[] {0, 1, 7, 100, 784 + 5, 3 * 784 - 1}) {
            assertEquals((k * 37 % 256) / 255.0, mnist.images().getDouble(k / 784, k % 784), 1e-7, "pixel " + k);
        }
        assertEquals(1.0, mnist.images().maxNumber().doubleValue(), 1e-7);
        assertEquals(0.0, mnist.images().minNumber().doubleValue());
    }

    @Test
    void gzipIsDetectedByItsMagicNotItsName() throws IOException {
        var raw = Mnist.read(write("img", imagesFile(2051, 2, 28, 28, 2 * 784)), write("lab", labelsFile(2049, 1, 2)));
        var gz = Mnist.read(write("img.bin", gzip(imagesFile(2051, 2, 28, 28, 2 * 784))),
                write("lab.bin", gzip(labelsFile(2049, 1, 2))));
        assertEquals(raw.images(), gz.images());
        assertArrayEquals(raw.labels(), gz.labels());
    }

    @Test
    void truncatedFileIsRefusedNamingFileAndBothSizes() throws IOException {
        var images = write("short-images", imagesFile(2051, 3, 28, 28, 2 * 784 + 10));
        var labels = write("lab", labelsFile(2049, 1, 2, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> Mnist.read(images, labels));
        assertTrue(e.getMessage().contains(images.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(16 + 3 * 784)), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(16 + 2 * 784 + 10)), e.getMessage());
    }

    @Test
    void truncatedGzipIsRefused() throws IOException {
        byte[] gz = gzip(imagesFile(2051, 3, 28, 28, 3 * 784));
        var images = write("img.gz", Arrays.copyOf(gz, gz.length / 2));
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.readImages(images, 28, 28));
        assertTrue(e.getMessage().startsWith(images.toString()), e.getMessage());
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        var labels = write("lab", Arrays.copyOf(labelsFile(2049, 1, 2), 8 + 2 + 5));
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.readLabels(labels));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void wrongMagicIsRefused() throws IOException {
        var images = write("img", imagesFile(2049, 1, 28, 28, 784));
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.readImages(images, 28, 28));
        assertTrue(e.getMessage().contains("magic number is 2049") && e.getMessage().contains("expected 2051"),
                e.getMessage());
        var labels = write("lab", labelsFile(2051, 1));
        assertThrows(IllegalArgumentException.class, () -> Idx.readLabels(labels));
    }

    @Test
    void headerShorterThanItselfIsRefused() throws IOException {
        var labels = write("lab", new byte[] {0, 0, 8, 1, 0});
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.readLabels(labels));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void wrongImageSizeIsRefused() throws IOException {
        var images = write("img", imagesFile(2051, 1, 27, 28, 27 * 28));
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.readImages(images, 28, 28));
        assertTrue(e.getMessage().contains("27x28"), e.getMessage());
    }

    @Test
    void labelOutsideZeroToNineIsRefused() throws IOException {
        var labels = write("lab", labelsFile(2049, 3, 10, 4));
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.readLabels(labels));
        assertTrue(e.getMessage().contains("label 1 is 10"), e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        var images = write("img", imagesFile(2051, 2, 28, 28, 2 * 784));
        var labels = write("lab", labelsFile(2049, 1, 2, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> Mnist.read(images, labels));
        assertTrue(e.getMessage().contains("2 images") && e.getMessage().contains("3 labels"), e.getMessage());
    }

    @Test
    void checksumMismatchIsRefusedAndMatchAccepted() throws IOException {
        var file = write("abc", "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertDoesNotThrow(() -> Sha256.verify(file, abc));
        assertDoesNotThrow(() -> Sha256.verify(file, abc.toUpperCase()));
        String wrong = abc.replace('b', 'c');
        var e = assertThrows(IllegalArgumentException.class, () -> Sha256.verify(file, wrong));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(abc)
                && e.getMessage().contains(wrong) && e.getMessage().contains(Mnist.FETCH_COMMAND), e.getMessage());
    }

    @Test
    void verifiedLoaderRefusesFilesThatAreNotTheOriginal() throws IOException {
        write(Mnist.TEST_IMAGES, imagesFile(2051, 1, 28, 28, 784));
        write(Mnist.TEST_LABELS, labelsFile(2049, 5));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Mnist.load(dir, Mnist.TEST_IMAGES, Mnist.TEST_LABELS));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void missingFileSaysWhichCommandFetchesIt() {
        var e = assertThrows(IllegalStateException.class,
                () -> Mnist.load(dir, Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS));
        assertTrue(e.getMessage().contains(dir.resolve(Mnist.TRAIN_IMAGES).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("environment/fetch-mnist.sh"), e.getMessage());
    }

    @Test
    void rowsAndClassCounts() throws IOException {
        var mnist = Mnist.read(write("img", imagesFile(2051, 4, 28, 28, 4 * 784)),
                write("lab", labelsFile(2049, 3, 3, 0, 9)));
        assertArrayEquals(new int[] {1, 0, 0, 2, 0, 0, 0, 0, 0, 1}, mnist.classCounts());
        var tail = mnist.rows(2, 4);
        assertArrayEquals(new int[] {0, 9}, tail.labels());
        assertEquals(mnist.images().getRow(2), tail.images().getRow(0));
        assertThrows(IllegalArgumentException.class, () -> mnist.rows(3, 5));
    }
}
