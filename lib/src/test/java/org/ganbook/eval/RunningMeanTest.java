package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RunningMeanTest {
  @Test void meansAndStandardErrorsAtGrowingN() {
    double[] terms = {1, 3, 2, 6, 4, 8, 0, 0, 9};
    var r = RunningMean.of(terms, 2, 2);
    assertArrayEquals(new double[] {2, 4, 8}, r.n(), 0);
    assertArrayEquals(new double[] {2, 3, 3}, r.mean(), 1e-12);
    // n = 4: 1, 3, 2, 6: sample variance ((1-3)^2 + 0 + 1 + 9) / 3 = 14/3, se = sqrt(14/3 / 4).
    assertEquals(Math.sqrt(14.0 / 3 / 4), r.standardError()[1], 1e-12);
    assertArrayEquals(new double[] {3 + 2 * r.standardError()[1]}, new double[] {r.band(2)[1]}, 1e-12);
  }

  @Test void aSlowGrowthCountsEachNOnce() {
    var r = RunningMean.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 1.25);
    assertArrayEquals(new double[] {2, 3, 4, 6}, r.n(), 0, "the floors of 2, 2.5, 3.1, 3.9, 4.9, 6.1, each n once");
  }

  @Test void refusesTooFewDraws() {
    assertThrows(IllegalArgumentException.class, () -> RunningMean.of(new double[] {1, 2}, 3, 2));
    assertThrows(IllegalArgumentException.class, () -> RunningMean.of(new double[] {1, 2, 3}, 2, 1));
  }
}
