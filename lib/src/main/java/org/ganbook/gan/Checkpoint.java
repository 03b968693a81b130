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
import org.ganbook.data.RandomState;
import org.ganbook.nn.BatchNorm;
import org.ganbook.nn.Parameter;
import org.ganbook.nn.WeightNormDense;
import org.ganbook.nn.Sequential;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A zip of everything a trainer needs to resume exactly. For Algorithm 1: G's and D's parameters, both optimizers'
 * state, the iteration, the random generator's state, the position of an {@link EpochSampler} of
 * p_data, and the history. For the semi-supervised GAN: the three networks, both optimizers' state,
 * the moving average of D, the iteration, the random generator's state, the positions of its
 * three epoch samplers, and the history. Besides parameters, a network's state includes what its
 * layers keep outside them: a fixed weight-norm scale g (set by the data-dependent initialisation)
 * and batch norm's running statistics. A checkpoint is written to a temporary file beside the
 * target and renamed, so a crash never leaves half a checkpoint.
 */
final class Checkpoint {
  private Checkpoint() {}

  /** Entry names of the history: {@code history/} and the table's column name. */
  private static final String HISTORY = "history/";
  private static final String ITERATION = HistoryColumn.ITERATION.columnName();

  @FunctionalInterface
  private interface Entries {
    void write(ZipOutputStream zip) throws IOException;
  }

  private static void writeWhole(Path file, Entries entries) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try (var zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
      entries.write(zip);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static void save(SemiSupervisedGan gan, Path file) throws IOException {
    writeWhole(file, zip -> {
      putNetwork(zip, gan.generator());
      putNetwork(zip, gan.features());
      putNetwork(zip, gan.classifier());
      putAll(zip, "optimizer/D/", gan.optimizerD.state());
      putAll(zip, "optimizer/G/", gan.optimizerG.state());
      if (gan.average != null) {
        var averages = gan.average.averages();
        for (int i = 0; i < averages.size(); i++) put(zip, "average/" + i, averages.get(i));
      }
      put(zip, "iteration", Nd4j.scalar(gan.loop.iteration));
      put(zip, "seed", Nd4j.scalar(gan.config().seed()));
      put(zip, "random", Nd4j.createFromArray(gan.loop.random.toArray()));
      put(zip, "drawn", Nd4j.createFromArray(gan.labelledOrder.drawn(), gan.unlabelled.drawn(), gan.unlabelledForG.drawn()));
      put(zip, HISTORY + ITERATION, Nd4j.createFromArray(gan.history.intColumn(ITERATION).asIntArray()));
      for (HistoryColumn c : HistoryColumn.SEMI_SUPERVISED) {
        put(zip, HISTORY + c.columnName(), Nd4j.createFromArray(gan.history.doubleColumn(c.columnName()).asDoubleArray()));
      }
    });
  }

  static void restore(SemiSupervisedGan gan, Path file) throws IOException {
    Map<String, INDArray> entries = read(file);
    requireSeed(require(entries, "seed", file).getLong(0), gan.config().seed(), "the trainer", file);
    restoreNetwork(gan.generator(), entries, file);
    restoreNetwork(gan.features(), entries, file);
    restoreNetwork(gan.classifier(), entries, file);
    gan.optimizerD.restore(withPrefix(entries, "optimizer/D/"));
    gan.optimizerG.restore(withPrefix(entries, "optimizer/G/"));
    if (gan.average != null) {
      var averages = gan.average.averages();
      for (int i = 0; i < averages.size(); i++) averages.get(i).assign(require(entries, "average/" + i, file));
    }
    gan.loop.iteration = require(entries, "iteration", file).getLong(0);
    gan.loop.random = RandomState.of(require(entries, "random", file).toLongVector());
    long[] drawn = require(entries, "drawn", file).toLongVector();
    gan.labelledOrder.seek(drawn[0]);
    gan.unlabelled.seek(drawn[1]);
    gan.unlabelledForG.seek(drawn[2]);
    var h = gan.history;
    int[] iterations = require(entries, HISTORY + ITERATION, file).toIntVector();
    var columns = new LinkedHashMap<String, double[]>();
    for (HistoryColumn c : HistoryColumn.SEMI_SUPERVISED) columns.put(c.columnName(), require(entries, HISTORY + c.columnName(), file).toDoubleVector());
    h.clear();
    for (int i = 0; i < iterations.length; i++) {
      h.intColumn(ITERATION).append(iterations[i]);
      for (var c : columns.entrySet()) h.doubleColumn(c.getKey()).append(c.getValue()[i]);
    }
  }

  static void save(Algorithm1 gan, Path file) throws IOException {
    writeWhole(file, zip -> {
      putNetwork(zip, gan.generator);
      putNetwork(zip, gan.discriminator);
      putAll(zip, "optimizer/D/", gan.optimizerD.state());
      putAll(zip, "optimizer/G/", gan.optimizerG.state());
      put(zip, "iteration", Nd4j.scalar(gan.loop.iteration));
      put(zip, "random", Nd4j.createFromArray(gan.loop.random.toArray()));
      if (gan.pData instanceof EpochSampler s) put(zip, "p_data/position", Nd4j.createFromArray(s.seed(), s.drawn()));
      for (HistoryColumn c : HistoryColumn.ALGORITHM_1) put(zip, HISTORY + c.columnName(), Nd4j.createFromArray(gan.history.column(c)));
      put(zip, HISTORY + ITERATION, Nd4j.createFromArray(gan.history.table().intColumn(ITERATION).asIntArray()));
    });
  }

  static void restore(Algorithm1 gan, Path file) throws IOException {
    Map<String, INDArray> entries = read(file);
    restoreNetwork(gan.generator, entries, file);
    restoreNetwork(gan.discriminator, entries, file);
    gan.optimizerD.restore(withPrefix(entries, "optimizer/D/"));
    gan.optimizerG.restore(withPrefix(entries, "optimizer/G/"));
    gan.loop.iteration = require(entries, "iteration", file).getLong(0);
    gan.loop.random = RandomState.of(require(entries, "random", file).toLongVector());
    if (gan.pData instanceof EpochSampler s) {
      long[] position = require(entries, "p_data/position", file).toLongVector();
      requireSeed(position[0], s.seed(), "p_data's epoch sampler", file);
      s.seek(position[1]);
    }
    var h = gan.history;
    h.table().clear();
    int[] iterations = require(entries, HISTORY + ITERATION, file).toIntVector();
    var names = HistoryColumn.ALGORITHM_1;
    double[][] columns = new double[names.size()][];
    for (int c = 0; c < columns.length; c++) columns[c] = require(entries, HISTORY + names.get(c).columnName(), file).toDoubleVector();
    for (int i = 0; i < iterations.length; i++) {
      double[] row = new double[columns.length];
      for (int c = 0; c < columns.length; c++) row[c] = columns[c][i];
      h.append(iterations[i], row);
    }
  }

  /** An epoch order is a function of its seed: resuming under another seed would silently change the data order. */
  private static void requireSeed(long saved, long current, String what, Path file) {
    if (saved != current) {
      throw new IllegalArgumentException(file + " was written by a run with seed " + saved + ", but " + what
          + " has seed " + current + ": build it with seed " + saved + " to resume that run");
    }
  }

  private static void putNetwork(ZipOutputStream zip, Sequential net) throws IOException {
    for (Parameter p : net.parameters()) put(zip, "network/" + p.name(), p.value());
    for (var e : layerState(net).entrySet()) put(zip, e.getKey(), e.getValue());
  }

  private static void restoreNetwork(Sequential net, Map<String, INDArray> entries, Path file) {
    for (Parameter p : net.parameters()) assign(p.value(), require(entries, "network/" + p.name(), file), p.name(), file);
    for (var e : layerState(net).entrySet()) assign(e.getValue(), require(entries, e.getKey(), file), e.getKey(), file);
  }

  /** What a network's layers keep besides their parameters, by entry name (the live arrays). */
  private static Map<String, INDArray> layerState(Sequential net) {
    var out = new LinkedHashMap<String, INDArray>();
    for (int i = 0; i < net.layers().size(); i++) {
      String prefix = "state/" + net.name() + "/" + i + "/";
      if (net.layers().get(i) instanceof WeightNormDense w && !net.parameters().contains(w.scale())) out.put(prefix + "g", w.scale().value());
      if (net.layers().get(i) instanceof BatchNorm b) {
        out.put(prefix + "running_mean", b.runningMean());
        out.put(prefix + "running_var", b.runningVar());
      }
    }
    return out;
  }

  private static void assign(INDArray target, INDArray saved, String name, Path file) {
    if (!Arrays.equals(saved.shape(), target.shape())) {
      throw new IllegalArgumentException(String.format("%s: %s has shape %s in the checkpoint but %s in this network",
          file, name, Arrays.toString(saved.shape()), Arrays.toString(target.shape())));
    }
    target.assign(saved);
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
