package org.ganbook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class LabelledSubsetTest {
  /** 200 fake digits whose pixel 0 is their row number, labels cycling 0..9. */
  static Mnist fake() {
    int n = 200;
    var images = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, Mnist.PIXELS);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      images.putScalar(i, 0, i);
      labels[i] = i % 10;
    }
    return new Mnist(images, labels);
  }

  @Test void takesPerClassOfEveryClassReproducibly() {
    var data = fake();
    var subset = LabelledSubset.of(data, 3, 7);
    assertArrayEquals(new int[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, subset.classCounts());
    int[] rows = LabelledSubset.indices(data, 3, 7);
    assertEquals(30, Arrays.stream(rows).distinct().count());
    for (int i = 0; i < rows.length; i++) {
      assertEquals(rows[i], subset.images().getInt(i, 0), "image " + i + " is row " + rows[i]);
      assertEquals(data.labels()[rows[i]], subset.labels()[i]);
    }
    assertArrayEquals(rows, LabelledSubset.indices(data, 3, 7));
    assertFalse(Arrays.equals(rows, LabelledSubset.indices(data, 3, 8)));
  }

  @Test void refusesMoreThanAClassHas() {
    assertThrows(IllegalArgumentException.class, () -> LabelledSubset.indices(fake(), 21, 1));
  }
}
