package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MeanSdTest {
  @Test void sampleStandardDeviationAsTheTableReportsIt() {
    // 891, 786, 996: mean 891, deviations -0, -105, 105, sum of squares 22,050, / 2 = 11,025, sd 105.
    var s = MeanSd.of(891, 786, 996);
    assertEquals(891, s.mean(), 1e-12);
    assertEquals(105, s.sd(), 1e-12);
    assertEquals(3, s.n());
    assertEquals("891 ± 105", s.toString());
  }

  @Test void oneSeedHasNoSpread() {
    assertEquals("92 ± 0", MeanSd.of(92).toString());
    assertThrows(IllegalArgumentException.class, () -> MeanSd.of(new int[0]));
  }
}
