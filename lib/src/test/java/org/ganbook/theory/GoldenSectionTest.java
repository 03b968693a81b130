package org.ganbook.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GoldenSectionTest {
  @Test void findsTheMaximumOfKnownFunctions() {
    assertEquals(0.3, GoldenSection.argmax(y -> -(y - 0.3) * (y - 0.3), 0, 1, 1e-12), 1e-9);
    assertEquals(Math.E, GoldenSection.argmax(y -> Math.log(y) / y, 1, 10, 1e-12), 1e-6);
    // At the end of the interval when f only rises.
    assertEquals(2, GoldenSection.argmax(y -> y, 0, 2, 1e-12), 1e-9);
  }

  @Test void proposition1sMaximiser() {
    double a = 3, b = 0.5;
    assertEquals(a / (a + b), GoldenSection.argmax(y -> a * Math.log(y) + b * Math.log(1 - y), 1e-9, 1 - 1e-9, 1e-12), 1e-8);
  }

  @Test void badIntervalsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> GoldenSection.argmax(y -> y, 1, 0, 1e-9));
    assertThrows(IllegalArgumentException.class, () -> GoldenSection.argmax(y -> y, 0, 1, 0));
  }
}
