package org.ganbook.data;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a file, and the refusal of a file whose hash is not the one we recorded. */
final class Sha256 {
    private Sha256() {}

    static String of(Path file) {
        try (var in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** Throws, naming the file and both hashes, unless the file's SHA-256 is {@code expectedHex}. */
    static void verify(Path file, String expectedHex) {
        String actual = of(file);
        if (!actual.equalsIgnoreCase(expectedHex)) {
            throw new IllegalArgumentException(file + ": SHA-256 is " + actual + ", expected "
                    + expectedHex.toLowerCase() + "; the file is corrupt or not the original MNIST."
                    + " Delete it and run " + Mnist.FETCH_COMMAND);
        }
    }
}
