package org.ganbook.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ganbook.data.MnistSplits;
import org.ganbook.eval.ParzenWindow;
import org.ganbook.gan.Algorithm1;
import org.ganbook.gan.EpochSampler;
import org.ganbook.gan.GanConfig;
import org.ganbook.gan.History;
import org.ganbook.gan.HistoryColumn;
import org.ganbook.gan.PaperMnist;
import org.ganbook.loss.DiscriminatorCost;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The long run behind Table 1 of Goodfellow et al. (2014): the paper's MNIST networks trained as
 * its code trained them (goodfeli/adversarial, mnist.yaml) for hundreds of epochs of the 50,000
 * training digits, with the Parzen-window log-likelihood of the test set every few epochs. Started
 * again with the same options it resumes from its last checkpoint. Run it with
 * {@code environment/reproduce.sh gan [--epochs N] [--seed S] ...}.
 */
public final class PaperGanRun {
  private PaperGanRun() {}

  static final String USAGE = "environment/reproduce.sh gan [--epochs 300] [--seed 1] [--update simultaneous|alternating] "
      + "[--cost mean-cross-entropy|minus-v] [--noise uniform|gaussian] [--checkpoint-every 5] [--evaluate-every 25] [--results results]";

  public static void main(String[] args) throws IOException {
    var o = RunOptions.parse(args, USAGE,
        "epochs", "300", "seed", "1", "update", "simultaneous", "cost", "mean-cross-entropy", "noise", "uniform",
        "checkpoint-every", "5", "evaluate-every", "25", "results", "results", "parzen-samples", "10000");
    long seed = o.integer("seed");
    var update = switch (o.text("update")) {
      case "simultaneous" -> GanConfig.Update.SIMULTANEOUS;
      case "alternating" -> GanConfig.Update.ALTERNATING;
      default -> throw new IllegalArgumentException("--update is simultaneous (the paper's code) or alternating (Algorithm 1 as printed)");
    };
    var cost = switch (o.text("cost")) {
      case "mean-cross-entropy" -> DiscriminatorCost.MEAN_CROSS_ENTROPY;
      case "minus-v" -> DiscriminatorCost.MINUS_V;
      default -> throw new IllegalArgumentException("--cost is mean-cross-entropy (the paper's code) or minus-v (Algorithm 1 as printed)");
    };
    var pZ = switch (o.text("noise")) {
      case "uniform" -> PaperMnist.noise();
      case "gaussian" -> PaperMnist.gaussianNoise();
      default -> throw new IllegalArgumentException("--noise is uniform (mnist.yaml) or gaussian (the Generator's default, N(0, I))");
    };
    String pZName = o.text("noise").equals("uniform") ? "uniform on [-sqrt 3, sqrt 3] (mnist.yaml's noise: 'uniform')" : "N(0, I) (the Generator's default)";
    String name = "gan-" + o.text("update") + "-" + o.text("cost") + "-z-" + o.text("noise") + "-seed" + seed;
    Path results = Path.of(o.text("results"), name);
    Path checkpoints = RunOptions.checkpointRoot().resolve(name);

    var splits = MnistSplits.load();
    var train = splits.train().images();
    var config = GanConfig.paperCode(seed).with(update).with(cost);
    var gan = new Algorithm1(PaperMnist.generator(train, seed), PaperMnist.discriminator(seed + 1),
        new EpochSampler(train, seed), pZ, PaperMnist.optimizer(), PaperMnist.optimizer(), config);
    int perEpoch = (int) (train.rows() / config.m());
    int samples = o.integer("parzen-samples");

    var run = new LongRun(new LongRun.Trainer() {
      public long iteration() { return gan.iteration(); }
      public void train(int n) { gan.train(n); }
      public void save(Path f) throws IOException { gan.save(f); }
      public void restore(Path f) throws IOException { gan.restore(f); }
    }, perEpoch, o.integer("checkpoint-every"), o.integer("evaluate-every"), checkpoints, results, epoch -> {
      Nd4j.getRandom().setSeed(1_000_003L * (epoch + 1) + seed); // the same samples for the same state
      var x = gan.generator().apply(pZ.sample(samples));
      var p = ParzenWindow.evaluate(x, splits.parzenValidation().images(), splits.test().images());
      var row = new LinkedHashMap<String, Double>();
      row.put("parzen_ll", p.mean());
      row.put("parzen_se", p.standardError());
      row.put("sigma", p.sigma());
      lastEpochMeans(gan.history(), perEpoch, row);
      return row;
    });
    var notes = new RunNotes(results, List.of(
        "# " + name,
        "",
        "Goodfellow et al. (2014), Table 1: the paper's MNIST networks (PaperMnist), trained as mnist.yaml does, "
            + "update " + o.text("update") + ", D's cost " + o.text("cost") + ", p_z " + pZName + ", seed " + seed + "; minibatches of 100 "
            + "in per-epoch permutations of the first 50,000 training digits (" + perEpoch + " iterations per epoch).",
        "`curve.csv`: every " + o.integer("evaluate-every") + " epochs the Parzen-window log-likelihood of the 10,000 test digits "
            + "(" + samples + " samples of G, sigma chosen on 1,000 validation digits), and the means over the last epoch "
            + "of D(x), D(G(z)), -V and G's loss.",
        "",
        "Continue or repeat it: `environment/reproduce.sh gan " + o + "` (checkpoints in " + checkpoints + ")."));
    run.log(line -> {
      System.out.println(line);
      notes.update(run.epoch());
    });
    run.run(o.integer("epochs"));
    notes.update(run.epoch());
  }

  static void lastEpochMeans(History h, int perEpoch, Map<String, Double> row) {
    // curve.csv calls D's loss by what it is, -V; the other columns keep the history's names.
    var columns = new LinkedHashMap<HistoryColumn, String>();
    columns.put(HistoryColumn.MEAN_D_X, HistoryColumn.MEAN_D_X.columnName());
    columns.put(HistoryColumn.MEAN_D_G_Z, HistoryColumn.MEAN_D_G_Z.columnName());
    columns.put(HistoryColumn.LOSS_D, "minus_V");
    columns.put(HistoryColumn.LOSS_G, HistoryColumn.LOSS_G.columnName());
    for (var c : columns.entrySet()) {
      double[] v = h.column(c.getKey());
      int from = Math.max(0, v.length - perEpoch);
      double sum = 0;
      for (int i = from; i < v.length; i++) sum += v[i];
      row.put(c.getValue(), v.length == from ? Double.NaN : sum / (v.length - from));
    }
  }
}
