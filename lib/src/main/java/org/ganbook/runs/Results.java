package org.ganbook.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ganbook.eval.ConfusionMatrix;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The committed results of the long runs ({@code results/<run>/curve.csv} and {@code notes.md} at
 * the repository's root), for the chapters to read and plot beside their own shorter runs.
 */
public final class Results {
  private Results() {}

  /** The long run of Table 1 of Goodfellow et al.: the paper's code's update and p_z, seed 1. */
  public static final String PAPER_GAN = "gan-simultaneous-mean-cross-entropy-z-uniform-seed1";

  /** The same run with other seeds (seed 3 with G's output biases clipped as pylearn2 clips them). */
  public static final List<String> PAPER_GAN_OTHER_SEEDS = List.of(
      "gan-simultaneous-mean-cross-entropy-z-uniform-seed2", "gan-simultaneous-mean-cross-entropy-z-uniform-seed3");

  /** The long run of Table 1 of Salimans et al., 100 labels: improved-gan's Adam, seed 1. */
  public static final String SEMI_SUPERVISED = SemiSupervisedRun.name(100, "inside", 1, 1);

  /**
   * The long runs of Table 1 of Salimans et al., 100 labels, improved-gan's Adam, named for the
   * chapter by "seed S, data seed D": S seeds the networks and the training, D draws the labelled
   * subset; grouped by subset. Seeds 1 and 2 ran each with its own subset, then with the two subsets
   * swapped, which tells the subset's part in the test errors from the training's; seeds 3, 4 and 5
   * each with a subset of its own, to tell how typical the first two subsets are.
   */
  public static final Map<String, String> SEMI_SUPERVISED_RUNS = semiSupervisedRuns(new long[][] {{1, 1}, {2, 1}, {1, 2}, {2, 2}, {3, 3}, {4, 4}, {5, 5}});

  private static Map<String, String> semiSupervisedRuns(long[][] seedAndDataSeed) {
    var runs = new LinkedHashMap<String, String>();
    for (long[] s : seedAndDataSeed) {
      runs.put("seed " + s[0] + ", data seed " + s[1], SemiSupervisedRun.name(100, "inside", s[0], s[1]));
    }
    return Collections.unmodifiableMap(runs);
  }

  /** The results folder: {@code results/} in the working directory or the nearest folder above it that has one. */
  public static Path directory() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("results");
      if (Files.isDirectory(candidate)) return candidate;
    }
    throw new IllegalStateException("no results/ folder in " + Path.of("").toAbsolutePath()
        + " or above it: run the notebooks from the ganbook repository");
  }

  /** A run's learning curve, one row per evaluation, epochs first; every value column read as a double. */
  public static Table curve(String run) {
    Path file = directory().resolve(run).resolve("curve.csv");
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " does not exist: environment/reproduce.sh writes it (see its header for the command)");
    }
    try {
      var header = Files.readAllLines(file).get(0).split(",");
      var types = new ColumnType[header.length];
      for (int i = 0; i < header.length; i++) types[i] = i < 2 ? ColumnType.INTEGER : ColumnType.DOUBLE;
      return Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypes(types).tableName(run));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A semi-supervised run's misclassified test digits at its latest evaluation ({@code
   * test-errors.csv}: epoch, index in the test set, true label, predicted class). Runs that stopped
   * before the file was written have none.
   */
  public static Table testErrors(String run) {
    Path file = directory().resolve(run).resolve(SemiSupervisedRun.TEST_ERRORS);
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " does not exist: the run writes it at each evaluation since December 2026");
    }
    return Table.read().usingOptions(CsvReadOptions.builder(file.toFile())
        .columnTypes(new ColumnType[] {ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.INTEGER}).tableName(run));
  }

  /** Whether a run wrote its misclassified test digits (the runs stopped before December 4 did not). */
  public static boolean hasTestErrors(String run) {
    return Files.exists(directory().resolve(run).resolve(SemiSupervisedRun.TEST_ERRORS));
  }

  /** The confusion matrix of a run's latest evaluation, from its misclassified digits and the test set's labels. */
  public static ConfusionMatrix confusion(String run, int[] testLabels) {
    int[] predicted = testLabels.clone();
    Table errors = testErrors(run);
    for (int i = 0; i < errors.rowCount(); i++) {
      int index = errors.intColumn("index").get(i);
      if (errors.intColumn("true_label").get(i) != testLabels[index]) {
        throw new IllegalStateException(run + ": test digit " + index + " is a " + testLabels[index] + ", the file says "
            + errors.intColumn("true_label").get(i) + ": not the same test set");
      }
      predicted[index] = errors.intColumn("predicted").get(i);
    }
    return ConfusionMatrix.of(testLabels, predicted, 10);
  }

  /** The test-set indices of a run's digits of {@code trueClass} that it put in {@code predictedClass}, at its latest evaluation. */
  public static int[] misclassified(String run, int trueClass, int predictedClass) {
    Table errors = testErrors(run);
    return errors.where(errors.intColumn("true_label").isEqualTo(trueClass).and(errors.intColumn("predicted").isEqualTo(predictedClass)))
        .intColumn("index").asIntArray();
  }

  /** The test-set indices of a run's digits of {@code trueClass} that it put in any other class, at its latest evaluation. */
  public static int[] misclassified(String run, int trueClass) {
    Table errors = testErrors(run);
    return errors.where(errors.intColumn("true_label").isEqualTo(trueClass)).intColumn("index").asIntArray();
  }

  /** A run's notes.md: what it is, the command that continues it, its sessions. */
  public static String notes(String run) {
    try {
      return Files.readString(directory().resolve(run).resolve("notes.md"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
