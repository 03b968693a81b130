package org.ganbook.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.ganbook.gan.Algorithm1;
import org.ganbook.gan.EpochSampler;
import org.ganbook.gan.GanConfig;
import org.ganbook.nn.Dense;
import org.ganbook.nn.Init;
import org.ganbook.nn.Sequential;
import org.ganbook.nn.Tanh;
import org.ganbook.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** A long run in miniature: a 1-D GAN, epochs of 10 iterations, a crash, a resume. */
class LongRunTest {
  static final int PER_EPOCH = 10;

  static Algorithm1 gan() {
    Nd4j.getRandom().setSeed(2);
    var data = Nd4j.randn(DataType.FLOAT, 200, 1).muli(0.5).addi(4);
    var g = new Sequential("G", new Dense(1, 8, Init.glorot()), new Tanh(), new Dense(8, 1, Init.glorot()));
    var d = new Sequential("D", new Dense(1, 8, Init.glorot()), new Tanh(), new Dense(8, 1, Init.glorot()));
    return new Algorithm1(g, d, new EpochSampler(data, 3), m -> Nd4j.randn(DataType.FLOAT, m, 1),
        new Sgd(0.05), new Sgd(0.05), GanConfig.paperCode(5).with(GanConfig.Update.SIMULTANEOUS));
  }

  /** A trainer that dies (as under kill -9) in the middle of its {@code dieAt}-th train call. */
  static LongRun.Trainer trainer(Algorithm1 gan, int dieAt) {
    return new LongRun.Trainer() {
      int calls;
      public long iteration() { return gan.iteration(); }
      public void train(int n) {
        if (++calls == dieAt) {
          gan.train(n / 2);
          throw new IllegalStateException("killed");
        }
        gan.train(n);
      }
      public void save(Path f) throws IOException { gan.save(f); }
      public void restore(Path f) throws IOException { gan.restore(f); }
    };
  }

  static LongRun run(Algorithm1 gan, int dieAt, Path dir) { return run(gan, dieAt, -1, dir); }

  /** As above; the evaluation at epoch {@code evaluationDiesAt} dies, after that epoch's checkpoint. */
  static LongRun run(Algorithm1 gan, int dieAt, int evaluationDiesAt, Path dir) {
    return new LongRun(trainer(gan, dieAt), PER_EPOCH, 2, 4, dir.resolve("checkpoints"), dir.resolve("results"), epoch -> {
      if (epoch == evaluationDiesAt) throw new IllegalStateException("killed");
      var row = new LinkedHashMap<String, Double>();
      row.put("mean_G", gan.generator().apply(Nd4j.linspace(-2, 2, 50).reshape(50, 1).castTo(DataType.FLOAT)).meanNumber().doubleValue());
      row.put("minus_V", gan.history().size() == 0 ? Double.NaN : gan.history().last("loss_D"));
      return row;
    }).log(line -> {});
  }

  @Test void resumedAfterAKillEqualsUninterrupted(@TempDir Path dir) throws Exception {
    var straight = gan();
    run(straight, -1, dir.resolve("straight")).run(10);

    var crashed = gan();
    // Dies during epoch 7: the last checkpoint is epoch 6, the last curve row epoch 4.
    assertThrows(IllegalStateException.class, () -> run(crashed, 7, dir.resolve("crashed")).run(10));
    var resumedGan = gan();
    var resumed = run(resumedGan, -1, dir.resolve("crashed"));
    resumed.run(10);

    List<String> expected = Files.readAllLines(dir.resolve("straight/results/curve.csv"));
    assertEquals(expected, Files.readAllLines(dir.resolve("crashed/results/curve.csv")));
    assertEquals("epoch,iteration,mean_G,minus_V", expected.get(0));
    assertEquals(List.of("0", "4", "8", "10"), expected.stream().skip(1).map(l -> l.split(",")[0]).toList(),
        "rows at epoch 0, every 4 epochs and at the end");
    assertEquals(straight.generator().parameters().get(0).value(), resumedGan.generator().parameters().get(0).value());
    assertEquals(straight.history().size(), resumedGan.history().size());
    assertEquals(10, resumed.epoch());
  }

  @Test void aKillBetweenACheckpointAndItsEvaluationLosesNoRow(@TempDir Path dir) throws Exception {
    var straight = gan();
    run(straight, -1, dir.resolve("straight")).run(8);
    assertThrows(IllegalStateException.class, () -> run(gan(), -1, 4, dir.resolve("killed")).run(8));
    run(gan(), -1, dir.resolve("killed")).run(8);
    assertEquals(Files.readAllLines(dir.resolve("straight/results/curve.csv")), Files.readAllLines(dir.resolve("killed/results/curve.csv")));
  }

  @Test void aFinishedRunStartedAgainDoesNothingAndLongerContinues(@TempDir Path dir) throws Exception {
    var gan = gan();
    run(gan, -1, dir).run(4);
    var again = gan();
    run(again, -1, dir).run(4);
    assertEquals(4 * PER_EPOCH, again.iteration());
    assertEquals(3, Files.readAllLines(dir.resolve("results/curve.csv")).size(), "header, epoch 0, epoch 4");
    run(again, -1, dir).run(8);
    assertEquals(4, Files.readAllLines(dir.resolve("results/curve.csv")).size());
  }

  @Test void aCurveWithoutItsCheckpointIsNotOverwritten(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("results"));
    Files.writeString(dir.resolve("results/curve.csv"), "epoch,iteration,x\n0,0,1\n");
    var e = assertThrows(IllegalStateException.class, () -> run(gan(), -1, dir).run(2));
    assertTrue(e.getMessage().contains("without its run"), e.getMessage());
  }

  @Test void evaluationsFallOnCheckpoints() {
    var e = assertThrows(IllegalArgumentException.class, () -> new LongRun(trainer(gan(), -1), 10, 5, 12, Path.of("c"), Path.of("r"), x -> null));
    assertTrue(e.getMessage().contains("multiple of the checkpoint interval"), e.getMessage());
  }
}
