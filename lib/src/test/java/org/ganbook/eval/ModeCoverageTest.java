package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ModeCoverageTest {
  private static final double[][] CENTRES = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};

  @Test void countsOnConstructedSamples() {
    var samples = Nd4j.createFromArray(new double[][] {
        {1.02, 0}, {0.99, 0.01},  // mode 0, within 3 sigma = 0.03
        {0, 1.05},                // nearest mode 1 but 5 sigma away: low quality
        {-1, 0.029},              // mode 2, just inside 3 sigma
        {0.5, 0.5}});             // between modes: low quality
    var c = ModeCoverage.of(samples, Nd4j.createFromArray(CENTRES), 0.01);
    assertEquals(2, c.modesCaptured());
    assertEquals(4, c.modes());
    assertEquals(3.0 / 5, c.highQualityFraction(), 1e-12);
    assertArrayEquals(new int[] {2, 0, 1, 0}, c.samplesPerMode());
  }

  @Test void collapsedSamplesCaptureOneMode() {
    var samples = Nd4j.createFromArray(new double[][] {{0, -1}, {0, -1.001}, {0.001, -1}});
    var c = ModeCoverage.of(samples, Nd4j.createFromArray(CENTRES), 0.01);
    assertEquals(1, c.modesCaptured());
    assertEquals(1.0, c.highQualityFraction(), 0);
  }
}
