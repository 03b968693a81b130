package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class NearestNeighboursTest {
  @Test void findsTheNearestRowByBruteForce() {
    Nd4j.getRandom().setSeed(5);
    var train = Nd4j.rand(DataType.FLOAT, 300, 20);
    var samples = Nd4j.rand(DataType.FLOAT, 15, 20);
    int[] expected = new int[15];
    for (int i = 0; i < 15; i++) {
      double best = Double.MAX_VALUE;
      for (int j = 0; j < 300; j++) {
        double d = samples.getRow(i).distance2(train.getRow(j));
        if (d < best) { best = d; expected[i] = j; }
      }
    }
    assertArrayEquals(expected, NearestNeighbours.indices(samples, train));
    // A training row is its own nearest neighbour.
    assertArrayEquals(new int[] {7, 123}, NearestNeighbours.indices(train.getRows(7, 123), train));
  }
}
