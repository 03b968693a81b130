package org.ganbook.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** A semi-supervised run is named by everything that makes it another run, the labelled subset too. */
class SemiSupervisedRunNameTest {
  @Test void theLabelledSubsetsSeedIsInTheNameWhereItDiffers() {
    assertEquals("ssl-100labels-eps-inside-seed2", SemiSupervisedRun.name(100, "inside", 2, 2));
    assertEquals("ssl-100labels-eps-inside-seed2-data1", SemiSupervisedRun.name(100, "inside", 2, 1));
    assertNotEquals(SemiSupervisedRun.name(100, "inside", 1, 2), SemiSupervisedRun.name(100, "inside", 2, 1));
  }
}
