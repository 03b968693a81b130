package org.ganbook.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semi-supervised run's file of misclassified test digits: one row per error, replaced whole. */
class TestErrorsFileTest {
  @Test void writesOneRowPerErrorAndReplacesTheLastEvaluation(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("run").resolve(SemiSupervisedRun.TEST_ERRORS);
    int[] labels = {7, 4, 7, 1};
    assertEquals(2, SemiSupervisedRun.writeTestErrors(file, 10, labels, new int[] {4, 4, 7, 2}));
    assertEquals(List.of("epoch,index,true_label,predicted", "10,0,7,4", "10,3,1,2"), Files.readAllLines(file));
    assertEquals(0, SemiSupervisedRun.writeTestErrors(file, 20, labels, labels.clone()));
    assertEquals(List.of("epoch,index,true_label,predicted"), Files.readAllLines(file));
    try (var files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList(), "no temporary file left beside it");
    }
  }
}
