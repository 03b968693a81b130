package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class DegradedDigitsTest {
  /** One 28 x 28 image, black but for a 3 x 3 white square with its top left corner at (r, c). */
  static float[] square(int r, int c) {
    float[] x = new float[784];
    for (int i = r; i < r + 3; i++) for (int j = c; j < c + 3; j++) x[i * 28 + j] = 1;
    return x;
  }

  @Test void shiftMovesEveryPixelAndBlackComesIn() {
    var images = Nd4j.create(new float[][] {square(10, 10), square(0, 25)});
    var moved = DegradedDigits.shifted(images, 2, -1);
    assertArrayEquals(square(9, 12), moved.getRow(0).toFloatVector());
    // The second square moves out of the frame: its column 25 lands on 27 and its rows 1-2 on 0-1, 2 of 9 pixels.
    assertEquals(2, moved.getRow(1).sumNumber().doubleValue(), 0);
    assertArrayEquals(images.toFloatMatrix(), DegradedDigits.shifted(images, 0, 0).toFloatMatrix());
    assertArrayEquals(square(10, 10), images.getRow(0).toFloatVector(), "the input is left as it was");
  }

  @Test void blurKeepsTheMassAwayFromTheEdgesAndSpreadsIt() {
    var blurred = DegradedDigits.blurred(Nd4j.create(new float[][] {square(12, 12)}), 1.0);
    assertEquals(9, blurred.sumNumber().doubleValue(), 1e-4, "a normalised kernel keeps the sum");
    float[] b = blurred.toFloatVector();
    assertTrue(b[13 * 28 + 13] < 1 && b[13 * 28 + 13] > 0.5, "the centre dims: " + b[13 * 28 + 13]);
    assertTrue(b[12 * 28 + 10] > 0, "light reaches two pixels beyond the square");
    assertEquals(b[12 * 28 + 10], b[10 * 28 + 12], 1e-6, "rows and columns alike");
    // A uniform grey image far from the edges stays grey.
    float[] grey = new float[784];
    java.util.Arrays.fill(grey, 0.4f);
    float[] g = DegradedDigits.blurred(Nd4j.create(new float[][] {grey}), 1.5).toFloatVector();
    assertEquals(0.4, g[14 * 28 + 14], 1e-6);
    assertTrue(g[0] < 0.4, "the corner mixes in black from outside the frame");
  }

  @Test void noiseHasItsSigmaAndStaysInTheUnitInterval() {
    var grey = Nd4j.valueArrayOf(new long[] {100, 784}, 0.5f, DataType.FLOAT);
    var noisy = DegradedDigits.noisy(grey, 0.1, 3);
    double sd = noisy.sub(grey).stdNumber().doubleValue();
    assertEquals(0.1, sd, 0.002);
    assertEquals(0.5, noisy.meanNumber().doubleValue(), 0.002);
    var clipped = DegradedDigits.noisy(grey, 2.0, 3);
    assertTrue(clipped.minNumber().doubleValue() >= 0 && clipped.maxNumber().doubleValue() <= 1);
    assertArrayEquals(noisy.toFloatMatrix(), DegradedDigits.noisy(grey, 0.1, 3).toFloatMatrix(), "same seed, same noise");
    assertNotEquals(noisy, DegradedDigits.noisy(grey, 0.1, 4));
  }

  @Test void badInputIsAClearError() {
    var notSquare = Nd4j.zeros(DataType.FLOAT, 2, 780);
    var e = assertThrows(IllegalArgumentException.class, () -> DegradedDigits.blurred(notSquare, 1));
    assertTrue(e.getMessage().contains("780 pixels"), e.getMessage());
    var digits = Nd4j.zeros(DataType.FLOAT, 2, 784);
    assertThrows(IllegalArgumentException.class, () -> DegradedDigits.shifted(digits, 28, 0));
    assertThrows(IllegalArgumentException.class, () -> DegradedDigits.blurred(digits, 0));
    assertThrows(IllegalArgumentException.class, () -> DegradedDigits.noisy(digits, -1, 1));
  }
}
