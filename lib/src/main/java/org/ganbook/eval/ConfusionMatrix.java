package org.ganbook.eval;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Where a classifier's mistakes are: how many examples of each true class it put in each predicted
 * class. The total off the diagonal is the error count Table 1 of Salimans et al. (2016) reports;
 * the largest cell off the diagonal says whether the errors are spread over the classes or one
 * confusion dominates, as when the few labelled examples of a class miss one of its styles.
 */
public final class ConfusionMatrix {
  private final int[][] counts;

  private ConfusionMatrix(int[][] counts) { this.counts = counts; }

  /** Counts the pairs (trueLabels[i], predicted[i]), classes numbered 0 to classes - 1. */
  public static ConfusionMatrix of(int[] trueLabels, int[] predicted, int classes) {
    if (trueLabels.length != predicted.length) {
      throw new IllegalArgumentException(trueLabels.length + " true labels but " + predicted.length + " predictions");
    }
    int[][] counts = new int[classes][classes];
    for (int i = 0; i < trueLabels.length; i++) {
      if (trueLabels[i] < 0 || trueLabels[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
        throw new IllegalArgumentException("example " + i + ": true class " + trueLabels[i] + ", predicted "
            + predicted[i] + ", outside 0.." + (classes - 1));
      }
      counts[trueLabels[i]][predicted[i]]++;
    }
    return new ConfusionMatrix(counts);
  }

  public int classes() { return counts.length; }

  /** Examples of {@code trueClass} predicted as {@code predictedClass}. */
  public int count(int trueClass, int predictedClass) { return counts[trueClass][predictedClass]; }

  /** All misclassified examples. */
  public int errors() {
    int sum = 0;
    for (int t = 0; t < counts.length; t++) sum += errors(t);
    return sum;
  }

  /** Misclassified examples of one true class. */
  public int errors(int trueClass) {
    int sum = 0;
    for (int p = 0; p < counts.length; p++) if (p != trueClass) sum += counts[trueClass][p];
    return sum;
  }

  /** The commonest mistake, {true class, predicted class} (the first in reading order on a tie). */
  public int[] largestConfusion() {
    int[] best = {0, 1};
    for (int t = 0; t < counts.length; t++) {
      for (int p = 0; p < counts.length; p++) {
        if (p != t && counts[t][p] > counts[best[0]][best[1]]) best = new int[] {t, p};
      }
    }
    return best;
  }

  /** One row per true class: the counts in each predicted class, then the row's errors. */
  public Table toTable(String title) {
    var table = Table.create(title);
    table.addColumns(IntColumn.create("true class"));
    for (int p = 0; p < counts.length; p++) table.addColumns(IntColumn.create("as " + p));
    table.addColumns(IntColumn.create("errors"));
    for (int t = 0; t < counts.length; t++) {
      var row = table.appendRow();
      row.setInt("true class", t);
      for (int p = 0; p < counts.length; p++) row.setInt("as " + p, counts[t][p]);
      row.setInt("errors", errors(t));
    }
    return table;
  }
}
