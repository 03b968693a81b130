package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class NearestNeighboursTest {
  @Test void findsTheNearestRowAndItsDistanceByBruteForce() {
    Nd4j.getRandom().setSeed(5);
    var train = Nd4j.rand(DataType.FLOAT, 300, 20);
    var samples = Nd4j.rand(DataType.FLOAT, 15, 20);
    int[] expected = new int[15];
    double[] expectedDistance = new double[15];
    for (int i = 0; i < 15; i++) {
      double best = Double.MAX_VALUE;
      for (int j = 0; j < 300; j++) {
        double d = samples.getRow(i).distance2(train.getRow(j));
        if (d < best) { best = d; expected[i] = j; }
      }
      expectedDistance[i] = best;
    }
    assertArrayEquals(expected, NearestNeighbours.indices(samples, train));
    var found = NearestNeighbours.find(samples, train);
    assertArrayEquals(expected, found.indices());
    assertArrayEquals(expectedDistance, found.distances(), 1e-4);
    // A training row is its own nearest neighbour, at distance 0.
    var own = NearestNeighbours.find(train.getRows(7, 123), train);
    assertArrayEquals(new int[] {7, 123}, own.indices());
    assertArrayEquals(new double[] {0, 0}, own.distances(), 1e-3);
  }

  @Test void chunksOfSamplesGiveTheSameAnswerAsOneBlock() {
    // 200,000 training rows make a chunk of 83 samples: 250 samples cross three chunk boundaries.
    Nd4j.getRandom().setSeed(6);
    var train = Nd4j.rand(DataType.FLOAT, 200_000, 3);
    var samples = Nd4j.rand(DataType.FLOAT, 250, 3);
    assertTrue(NearestNeighbours.CHUNK_ELEMENTS / train.rows() < samples.rows());
    var found = NearestNeighbours.find(samples, train);
    for (int i : new int[] {0, 82, 83, 84, 166, 249}) {
      var one = NearestNeighbours.find(samples.getRow(i, true), train);
      assertEquals(one.indices()[0], found.indices()[i], "sample " + i);
      assertEquals(one.distances()[0], found.distances()[i], 1e-6, "sample " + i);
    }
  }

  @Test void differentWidthsAreAClearError() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> NearestNeighbours.find(Nd4j.zeros(DataType.FLOAT, 2, 5), Nd4j.zeros(DataType.FLOAT, 3, 4)));
    assertTrue(e.getMessage().contains("5 columns"), e.getMessage());
  }
}
