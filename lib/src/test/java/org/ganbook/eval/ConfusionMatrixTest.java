package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
  // Three classes; class 2 read as 1 twice, class 0 as 2 once.
  private final int[] truth = {0, 0, 0, 1, 1, 2, 2, 2, 2};
  private final int[] predicted = {0, 0, 2, 1, 1, 1, 1, 2, 2};

  @Test void countsEachPairAndItsErrors() {
    var c = ConfusionMatrix.of(truth, predicted, 3);
    assertEquals(2, c.count(0, 0));
    assertEquals(1, c.count(0, 2));
    assertEquals(2, c.count(2, 1));
    assertEquals(0, c.count(1, 0));
    assertEquals(1, c.errors(0));
    assertEquals(0, c.errors(1));
    assertEquals(2, c.errors(2));
    assertEquals(3, c.errors());
    assertArrayEquals(new int[] {2, 1}, c.largestConfusion());
  }

  @Test void theTableHasARowPerTrueClassThatSumsToItsExamples() {
    var t = ConfusionMatrix.of(truth, predicted, 3).toTable("t");
    assertEquals(3, t.rowCount());
    assertEquals(java.util.List.of("true class", "as 0", "as 1", "as 2", "errors"), t.columnNames());
    assertEquals(4, t.intColumn("as 0").get(2) + t.intColumn("as 1").get(2) + t.intColumn("as 2").get(2));
    assertEquals(2, t.intColumn("errors").get(2));
  }

  @Test void badInputIsNamed() {
    var lengths = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[2], new int[3], 3));
    assertTrue(lengths.getMessage().contains("2 true labels but 3 predictions"), lengths.getMessage());
    var range = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 0}, 3));
    assertTrue(range.getMessage().contains("example 1: true class 3"), range.getMessage());
  }
}
