package org.ganbook.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ganbook.data.LabelledSubset;
import org.ganbook.data.Mnist;
import org.ganbook.gan.HistoryColumn;
import org.ganbook.gan.ImprovedGanMnist;
import org.ganbook.gan.SemiSupervisedConfig;
import org.ganbook.gan.SemiSupervisedGan;
import org.ganbook.optim.Adam;
import tech.tablesaw.api.Table;

/**
 * The long run behind Table 1 of Salimans et al. (2016), 100 labels: openai/improved-gan's
 * train_mnist_feature_matching.py as the library builds it, 300 epochs of the 60,000 training digits
 * (600 iterations each), with the test errors of the averaged D every few epochs. Started again with
 * the same options it resumes from its last checkpoint. Run it with
 * {@code environment/reproduce.sh ssl [--epochs N] [--seed S] ...}.
 */
public final class SemiSupervisedRun {
  private SemiSupervisedRun() {}

  static final String USAGE = "environment/reproduce.sh ssl [--epochs 300] [--seed 1] [--data-seed 1] [--labels 100] "
      + "[--adam-epsilon inside|outside] [--average-decay 0.9999] [--checkpoint-every 5] [--evaluate-every 10] [--results results]";

  public static void main(String[] args) throws IOException {
    var o = RunOptions.parse(args, USAGE,
        "epochs", "300", "seed", "1", "data-seed", "1", "labels", "100", "adam-epsilon", "inside",
        "average-decay", "0.9999", "checkpoint-every", "5", "evaluate-every", "10", "results", "results");
    long seed = o.integer("seed");
    int labels = o.integer("labels");
    if (labels < 10 || labels % 10 != 0) throw new IllegalArgumentException("--labels must be a multiple of 10 (the same count per class), got " + labels);
    var epsilon = switch (o.text("adam-epsilon")) {
      case "inside" -> Adam.Epsilon.INSIDE_ROOT;
      case "outside" -> Adam.Epsilon.OUTSIDE_ROOT;
      default -> throw new IllegalArgumentException("--adam-epsilon is inside (improved-gan's nn.py) or outside (Kingma and Ba)");
    };
    double decay = Double.parseDouble(o.text("average-decay"));
    String name = name(labels, o.text("adam-epsilon"), seed, o.integer("data-seed"));
    Path results = Path.of(o.text("results"), name);
    Path checkpoints = RunOptions.checkpointRoot().resolve(name);

    var train = Mnist.train();
    var test = Mnist.test();
    var labelled = LabelledSubset.of(train, labels / 10, o.integer("data-seed"));
    var gan = ImprovedGanMnist.semiSupervisedGan(labelled, train.images(), epsilon,
        SemiSupervisedConfig.gan(ImprovedGanMnist.BATCH, decay, seed));
    int perEpoch = train.size() / ImprovedGanMnist.BATCH;

    var run = new LongRun(new LongRun.Trainer() {
      public long iteration() { return gan.iteration(); }
      public void train(int n) { gan.train(n); }
      public void save(Path p) throws IOException { gan.save(p); }
      public void restore(Path p) throws IOException { gan.restore(p); }
    }, perEpoch, o.integer("checkpoint-every"), o.integer("evaluate-every"), checkpoints, results, epoch -> {
      int[] predicted = gan.classify(test.images());
      int errors = writeTestErrors(results.resolve(TEST_ERRORS), epoch, test.labels(), predicted);
      var row = new LinkedHashMap<String, Double>();
      row.put("test_errors", (double) errors);
      lastEpochMeans(gan.history(), perEpoch, row);
      return row;
    });
    var notes = new RunNotes(results, List.of(
        "# " + name,
        "",
        "Salimans et al. (2016), Table 1, " + labels + " labels: improved-gan's networks (ImprovedGanMnist), feature matching, "
            + "Adam lr 0.003, beta1 0.5, epsilon " + o.text("adam-epsilon") + " the square root, seed " + seed + ", labelled subset of data seed "
            + o.integer("data-seed") + "; the 60,000 training digits as unlabelled data in per-epoch permutations ("
            + perEpoch + " iterations per epoch).",
        "`curve.csv`: every " + o.integer("evaluate-every") + " epochs the test errors (out of 10,000) of D with its parameters "
            + "averaged at decay " + decay + ", and the means over the last epoch of the losses and the labelled batches' error.",
        "`" + TEST_ERRORS + "`: the test digits that D misclassified at the latest evaluation (their index in the test set, "
            + "true label and predicted class), to see where the errors are.",
        "",
        "Continue or repeat it: `environment/reproduce.sh ssl " + o + "` (checkpoints in " + checkpoints + ")."));
    run.log(line -> {
      System.out.println(line);
      notes.update(run.epoch());
    });
    run.run(o.integer("epochs"));
    notes.update(run.epoch());
  }

  /**
   * The run's folder name, under results/ and the checkpoints: a run with another labelled subset is
   * another run, so the subset's seed is in the name where it differs from the networks' seed (a run
   * whose two seeds agree keeps the shorter name the first runs were given).
   */
  static String name(int labels, String adamEpsilon, long seed, long dataSeed) {
    String name = "ssl-" + labels + "labels-eps-" + adamEpsilon + "-seed" + seed;
    return dataSeed == seed ? name : name + "-data" + dataSeed;
  }

  /** The file of the misclassified test digits at the latest evaluation, beside {@code curve.csv}. */
  static final String TEST_ERRORS = "test-errors.csv";

  /**
   * Writes the test digits whose prediction is wrong ({@code epoch,index,true_label,predicted}, one
   * row each), replacing the last evaluation's file whole (by rename); returns how many there are.
   */
  static int writeTestErrors(Path file, int epoch, int[] labels, int[] predicted) throws IOException {
    List<String> lines = new ArrayList<>(List.of("epoch,index,true_label,predicted"));
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] != labels[i]) lines.add(epoch + "," + i + "," + labels[i] + "," + predicted[i]);
    }
    LongRun.writeWhole(file, lines);
    return lines.size() - 1;
  }

  static void lastEpochMeans(Table h, int perEpoch, Map<String, Double> row) {
    for (HistoryColumn column : HistoryColumn.SEMI_SUPERVISED) {
      String c = column.columnName();
      double[] v = h.doubleColumn(c).asDoubleArray();
      int from = Math.max(0, v.length - perEpoch);
      double sum = 0;
      for (int i = from; i < v.length; i++) sum += v[i];
      row.put(c, v.length == from ? Double.NaN : sum / (v.length - from));
    }
  }
}
