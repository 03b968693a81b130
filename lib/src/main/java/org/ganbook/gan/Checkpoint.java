package org.ganbook.gan;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.ganbook.nn.Parameter;
import org.ganbook.nn.Sequential;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A zip of everything Algorithm 1 needs to resume exactly: G's and D's parameters, both optimizers'
 * state, the iteration, the random generator's state, the position of an {@link EpochSampler} of
 * p_data, and the history. It is written to a temporary
 * file beside the target and renamed, so a crash never leaves half a checkpoint.
 */
final class Checkpoint {
  private Checkpoint() {}

  static void save(Algorithm1 gan, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try (var zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
      putNetwork(zip, gan.generator);
      putNetwork(zip, gan.discriminator);
      putAll(zip, "optimizer/D/", gan.optimizerD.state());
      putAll(zip, "optimizer/G/", gan.optimizerG.state());
      put(zip, "iteration", Nd4j.scalar(gan.iteration));
      put(zip, "random", Nd4j.createFromArray(gan.randomState));
      if (gan.pData instanceof EpochSampler s) put(zip, "p_data/drawn", Nd4j.scalar(s.drawn()));
      for (String c : History.COLUMNS) put(zip, "history/" + c, Nd4j.createFromArray(gan.history.column(c)));
      put(zip, "history/iteration", Nd4j.createFromArray(gan.history.table().intColumn("iteration").asIntArray()));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static void restore(Algorithm1 gan, Path file) throws IOException {
    Map<String, INDArray> entries = read(file);
    restoreNetwork(gan.generator, entries, file);
    restoreNetwork(gan.discriminator, entries, file);
    gan.optimizerD.restore(withPrefix(entries, "optimizer/D/"));
    gan.optimizerG.restore(withPrefix(entries, "optimizer/G/"));
    gan.iteration = require(entries, "iteration", file).getLong(0);
    gan.randomState = require(entries, "random", file).toLongVector();
    if (gan.pData instanceof EpochSampler s) s.seek(require(entries, "p_data/drawn", file).getLong(0));
    var h = gan.history;
    h.table().clear();
    int[] iterations = require(entries, "history/iteration", file).toIntVector();
    double[][] columns = new double[History.COLUMNS.length][];
    for (int c = 0; c < columns.length; c++) columns[c] = require(entries, "history/" + History.COLUMNS[c], file).toDoubleVector();
    for (int i = 0; i < iterations.length; i++) {
      double[] row = new double[columns.length];
      for (int c = 0; c < columns.length; c++) row[c] = columns[c][i];
      h.append(iterations[i], row);
    }
  }

  private static void putNetwork(ZipOutputStream zip, Sequential net) throws IOException {
    for (Parameter p : net.parameters()) put(zip, "network/" + p.name(), p.value());
  }

  private static void restoreNetwork(Sequential net, Map<String, INDArray> entries, Path file) {
    for (Parameter p : net.parameters()) {
      INDArray saved = require(entries, "network/" + p.name(), file);
      if (!Arrays.equals(saved.shape(), p.value().shape())) {
        throw new IllegalArgumentException(String.format("%s: parameter %s has shape %s in the checkpoint but %s in this network",
            file, p.name(), Arrays.toString(saved.shape()), Arrays.toString(p.value().shape())));
      }
      p.value().assign(saved);
    }
  }

  private static INDArray require(Map<String, INDArray> entries, String name, Path file) {
    INDArray a = entries.get(name);
    if (a == null) throw new IllegalArgumentException(file + " is not a checkpoint of this trainer: it has no entry " + name);
    return a;
  }

  private static Map<String, INDArray> withPrefix(Map<String, INDArray> entries, String prefix) {
    var out = new LinkedHashMap<String, INDArray>();
    entries.forEach((k, v) -> { if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v); });
    return out;
  }

  private static void putAll(ZipOutputStream zip, String prefix, Map<String, INDArray> arrays) throws IOException {
    for (var e : arrays.entrySet()) put(zip, prefix + e.getKey(), e.getValue());
  }

  private static void put(ZipOutputStream zip, String name, INDArray array) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) { Nd4j.write(array, out); }
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes.toByteArray());
    zip.closeEntry();
  }

  private static Map<String, INDArray> read(Path file) throws IOException {
    var entries = new LinkedHashMap<String, INDArray>();
    try (InputStream in = Files.newInputStream(file); var zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        try (var data = new DataInputStream(new ByteArrayInputStream(zip.readAllBytes()))) {
          entries.put(e.getName(), Nd4j.read(data));
        }
      }
    }
    return entries;
  }
}
