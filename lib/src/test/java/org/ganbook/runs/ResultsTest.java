package org.ganbook.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed long-run results parse, and hold the columns chapters 02 and 04 read. */
class ResultsTest {
  @Test void everyCommittedCurveParses() throws Exception {
    List<String> runs;
    try (var dirs = Files.list(Results.directory())) {
      runs = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertTrue(runs.contains(Results.PAPER_GAN), "chapter 02 reads " + Results.PAPER_GAN + ": " + runs);
    assertTrue(runs.containsAll(Results.PAPER_GAN_OTHER_SEEDS), "chapter 02 reads " + Results.PAPER_GAN_OTHER_SEEDS + ": " + runs);
    assertTrue(runs.contains(Results.SEMI_SUPERVISED), "chapter 04 reads " + Results.SEMI_SUPERVISED + ": " + runs);
    assertTrue(runs.containsAll(Results.SEMI_SUPERVISED_RUNS.values()), "chapter 04 reads " + Results.SEMI_SUPERVISED_RUNS.values() + ": " + runs);
    assertEquals(Results.SEMI_SUPERVISED, Results.SEMI_SUPERVISED_RUNS.get("seed 1, data seed 1"));
    assertTrue(Results.hasTestErrors(Results.SEMI_SUPERVISED_RUNS.get("seed 2, data seed 2")), "chapter 04 reads seed 2's test errors");
    for (String run : runs) {
      if (!Files.exists(Results.directory().resolve(run).resolve("curve.csv"))) continue; // an ablation's note only
      var curve = Results.curve(run);
      assertFalse(curve.isEmpty(), run);
      var epochs = curve.intColumn("epoch").asIntArray();
      for (int i = 1; i < epochs.length; i++) assertTrue(epochs[i] > epochs[i - 1], run + ": epochs in order");
      String needs = run.startsWith("gan-") ? "parzen_ll" : "test_errors";
      assertTrue(curve.columnNames().contains(needs), run + " has " + needs + ": " + curve.columnNames());
      assertEquals(0, epochs[0], run + " starts at epoch 0");
      assertTrue(Results.notes(run).contains("environment/reproduce.sh"), run + "'s notes name the command");
      if (Results.hasTestErrors(run)) {
        var errors = Results.testErrors(run);
        int epoch = errors.isEmpty() ? -1 : errors.intColumn("epoch").get(0);
        int row = curve.intColumn("epoch").indexOf(epoch);
        assertTrue(row >= 0, run + ": the misclassified digits belong to an evaluated epoch, " + epoch);
        assertEquals(curve.doubleColumn("test_errors").get(row), errors.rowCount(), run + ": one row per test error at epoch " + epoch);
        var test = org.ganbook.data.Mnist.test();
        var confusion = Results.confusion(run, test.labels());
        assertEquals(errors.rowCount(), confusion.errors(), run);
        int[] worst = confusion.largestConfusion();
        int[] misread = Results.misclassified(run, worst[0], worst[1]);
        assertEquals(confusion.count(worst[0], worst[1]), misread.length, run);
        for (int i : misread) assertEquals(worst[0], test.labels()[i], run + ": test digit " + i);
        int[] misreadAtAll = Results.misclassified(run, worst[0]);
        assertEquals(confusion.errors(worst[0]), misreadAtAll.length, run + ": every misread " + worst[0]);
        for (int i : misread) assertTrue(Arrays.stream(misreadAtAll).anyMatch(j -> j == i), run + ": test digit " + i);
      }
    }
  }
}
