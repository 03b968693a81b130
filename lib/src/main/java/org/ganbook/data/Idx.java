package org.ganbook.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The IDX format of the MNIST files (LeCun's page): a big-endian magic number whose third byte is
 * the element type (0x08, unsigned byte) and fourth the number of dimensions, the dimensions as
 * big-endian int32, then the elements. Everything is checked against the header before use, so a
 * truncated or foreign file is refused with a reason instead of yielding garbage digits.
 */
final class Idx {
    static final int IMAGES_MAGIC = 2051; // 0x00000803: unsigned bytes, 3 dimensions
    static final int LABELS_MAGIC = 2049; // 0x00000801: unsigned bytes, 1 dimension

    private Idx() {}

    /** Images as float [n, rows * cols] in [0, 1], the scaling pylearn2 used for the paper. */
    static INDArray readImages(Path file, int rows, int cols) {
        byte[] bytes = readBytes(file);
        var header = header(file, bytes, IMAGES_MAGIC, 3);
        int n = header.getInt(4);
        int r = header.getInt(8);
        int c = header.getInt(12);
        if (r != rows || c != cols) {
            throw corrupt(file, "images are " + r + "x" + c + ", expected " + rows + "x" + cols);
        }
        checkLength(file, bytes.length, 16, (long) n * r * c, n + " images of " + r + "x" + c);
        // One bulk copy into ND4J; BYTE -> UBYTE reinterprets the sign bit (200 stays 200), then
        // a single cast and scale, instead of a Java loop over 47 million pixels.
        var pixels = Nd4j.createFromArray(bytes).get(NDArrayIndex.interval(16, bytes.length));
        return pixels.castTo(DataType.UBYTE).castTo(DataType.FLOAT).divi(255f).reshape('c', n, (long) r * c);
    }

    /** Labels as int[], each checked to lie in 0..9. */
    static int[] readLabels(Path file) {
        byte[] bytes = readBytes(file);
        var header = header(file, bytes, LABELS_MAGIC, 1);
        int n = header.getInt(4);
        checkLength(file, bytes.length, 8, n, n + " labels");
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = bytes[8 + i] & 0xFF;
            if (labels[i] > 9) {
                throw corrupt(file, "label " + i + " is " + labels[i] + ", outside 0..9");
            }
        }
        return labels;
    }

    /** Whole file, decompressed when it starts with the gzip magic 1f 8b (whatever its name). */
    static byte[] readBytes(Path file) {
        try {
            byte[] raw = Files.readAllBytes(file);
            if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b) {
                try (var in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
                    return in.readAllBytes();
                } catch (ZipException | java.io.EOFException e) {
                    throw corrupt(file, "corrupt or truncated gzip stream (" + e.getMessage() + ")");
                }
            }
            return raw;
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer header(Path file, byte[] bytes, int magic, int dims) {
        int headerBytes = 4 + 4 * dims;
        if (bytes.length < headerBytes) {
            throw corrupt(file, "truncated: " + bytes.length + " bytes, shorter than the "
                    + headerBytes + "-byte IDX header");
        }
        var header = ByteBuffer.wrap(bytes, 0, headerBytes); // big-endian, as IDX is
        int found = header.getInt(0);
        if (found != magic) {
            throw corrupt(file, String.format("magic number is %d (0x%08x), expected %d (0x%08x)",
                    found, found, magic, magic));
        }
        for (int d = 0; d < dims; d++) {
            if (header.getInt(4 + 4 * d) < 0) {
                throw corrupt(file, "dimension " + d + " is negative: " + header.getInt(4 + 4 * d));
            }
        }
        return header;
    }

    private static void checkLength(Path file, long actual, int headerBytes, long elements, String what) {
        long expected = headerBytes + elements;
        if (actual < expected) {
            throw corrupt(file, "truncated: the header declares " + what + " (" + expected
                    + " bytes) but the data has " + actual + " bytes");
        }
        if (actual > expected) {
            throw corrupt(file, "the header declares " + what + " (" + expected
                    + " bytes) but the data has " + actual + " bytes (trailing data)");
        }
    }

    static IllegalArgumentException corrupt(Path file, String reason) {
        return new IllegalArgumentException(file + ": " + reason);
    }
}
