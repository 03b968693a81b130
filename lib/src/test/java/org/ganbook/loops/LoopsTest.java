package org.ganbook.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class LoopsTest {
  @Test void visitsEveryElementOnceInChunksOfFixedSize() {
    for (int n : new int[] {0, 1, Loops.CHUNK - 1, Loops.CHUNK, Loops.CHUNK + 1, 5 * Loops.CHUNK + 7}) {
      int[] visits = new int[n];
      int[] chunkOf = new int[n];
      Loops.forEachChunk(n, (chunk, from, to) -> {
        assertEquals((long) chunk * Loops.CHUNK, from, "chunk " + chunk + " starts at its fixed place");
        for (int i = from; i < to; i++) {
          visits[i]++;
          chunkOf[i] = chunk;
        }
      });
      for (int i = 0; i < n; i++) {
        assertEquals(1, visits[i], "element " + i + " of " + n);
        assertEquals(i / Loops.CHUNK, chunkOf[i]);
      }
    }
  }

  @Test void aWorkersFailureReachesTheCallerAfterEveryChunkStopped() {
    var failure = new IllegalStateException("chunk 3");
    var thrown = assertThrows(IllegalStateException.class, () -> Loops.forEachChunk(8L * Loops.CHUNK, (chunk, from, to) -> {
      if (chunk == 3) throw failure;
    }));
    assertSame(failure, thrown);
  }

  @Test void readsContiguousFloatArraysOnlyAndViewsFromTheirFirstElement() {
    var matrix = Nd4j.linspace(0, 11, 12, DataType.FLOAT).reshape('c', 3, 4);
    assertTrue(Loops.available(matrix));
    var row = matrix.getRow(1);
    assertTrue(Loops.available(row));
    assertEquals(4f, Loops.floats(row).get(0));
    assertEquals(4, Loops.floats(row).capacity());
    assertFalse(Loops.available(matrix.getColumn(1)), "a strided column");
    assertFalse(Loops.available(matrix.castTo(DataType.DOUBLE)));
    assertFalse(Loops.available(matrix, Nd4j.zeros(DataType.FLOAT, 5)), "arrays of different lengths");
    assertFalse(Loops.ndOnly(() -> Loops.available(matrix)), "switched off for a comparison");
    assertTrue(Loops.available(matrix), "and on again after it");
  }

  @Test void sumInBlocksAddsTheBlocksInTheirOrderWhateverThreadRanThem() {
    int n = 5 * Loops.CHUNK + 7;
    float[] values = new float[n];
    for (int i = 0; i < n; i++) values[i] = i + 1;
    INDArray a = Nd4j.createFromArray(values);
    // Each block returns 1 / (its first element): a sum whose last bits depend on the order.
    Loops.SummingBlockBody firstInverse = (block, length) -> 1.0 / block[0][0];
    double inOrder = 0;
    for (int start = 0; start < n; start += Loops.BLOCK) inOrder += 1.0 / (start + 1);
    for (int round = 0; round < 50; round++) {
      assertEquals(inOrder, Loops.sumInBlocks(firstInverse, Loops.in(a)), 0.0, "round " + round);
    }
    INDArray doubled = a.dup();
    double sum = Loops.sumInBlocks((block, length) -> {
      for (int i = 0; i < length; i++) block[0][i] *= 2;
      return length;
    }, Loops.inOut(doubled));
    assertEquals(n, sum, 0.0, "every element in one block");
    assertEquals(a.mul(2), doubled, "and the written operand copied back");
  }

  @Test void sumOfSquaresIsTheDoublePrecisionSum() {
    var random = new java.util.SplittableRandom(3);
    for (int length : new int[] {0, 1, 15, 16, 17, 1000, Loops.BLOCK}) {
      float[] a = new float[length];
      double expected = 0;
      for (int i = 0; i < length; i++) {
        a[i] = (float) random.nextGaussian();
        expected += (double) a[i] * a[i];
      }
      assertEquals(expected, SumOfSquares.of(a, length), 1e-6 * expected, "length " + length);
    }
  }

  @Test void stackRowsIsVstack() {
    Nd4j.getRandom().setSeed(4);
    INDArray all = Nd4j.rand(DataType.FLOAT, 30, 7);
    INDArray a = all.get(NDArrayIndex.interval(10, 20), NDArrayIndex.all()); // a view with an offset
    INDArray b = Nd4j.rand(DataType.FLOAT, 3, 7), c = Nd4j.rand(DataType.FLOAT, 1, 7);
    assertEquals(Nd4j.vstack(a, b, c), Loops.stackRows(a, b, c));
    INDArray doubles = Nd4j.rand(DataType.DOUBLE, 2, 7);
    assertEquals(Nd4j.vstack(doubles, doubles), Loops.stackRows(doubles, doubles), "other types take vstack");
  }
}
