package org.ganbook.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GemmTest {
  private static void assertSameProduct(INDArray a, INDArray b, boolean ta, boolean tb, double alpha, double beta) {
    long m = ta ? a.columns() : a.rows(), n = tb ? b.rows() : b.columns();
    INDArray start = Nd4j.rand(a.dataType(), m, n);
    INDArray expected = Nd4j.gemm(a, b, start.dup(), ta, tb, alpha, beta);
    INDArray c = start.dup();
    assertSame(c, Gemm.multiply(a, b, c, ta, tb, alpha, beta));
    double scale = expected.amaxNumber().doubleValue();
    assertEquals(0, expected.sub(c).amaxNumber().doubleValue(), 1e-6 * scale, "op(a) op(b), " + ta + " " + tb);
  }

  @Test void theSameProductsAsNd4jInEveryTransposition() {
    Nd4j.getRandom().setSeed(1);
    INDArray x = Nd4j.rand(DataType.FLOAT, 30, 70), w = Nd4j.rand(DataType.FLOAT, 70, 50);
    assertSameProduct(x, w, false, false, 1, 0);
    assertSameProduct(x, Nd4j.rand(DataType.FLOAT, 30, 50), true, false, 0.5, 1);      // x^T dy, accumulated
    assertSameProduct(Nd4j.rand(DataType.FLOAT, 30, 50), w, false, true, -2, 0);     // dy W^T
    assertSameProduct(Nd4j.rand(DataType.FLOAT, 70, 30), Nd4j.rand(DataType.FLOAT, 50, 70), true, true, 1, 0.25);
  }

  @Test void inAWorkspaceAsOutside() {
    INDArray w = Nd4j.rand(DataType.FLOAT, 70, 50);
    try (var ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace("gemm-test")) {
      Nd4j.createUninitialized(DataType.FLOAT, 13, 7); // the next array does not start the block
      INDArray x = Nd4j.rand(DataType.FLOAT, 30, 70);
      assertSameProduct(x, w, false, false, 1, 0);
    }
  }

  @Test void viewsAndDoublesGoThroughNd4j() {
    INDArray big = Nd4j.rand(DataType.FLOAT, 40, 70), w = Nd4j.rand(DataType.FLOAT, 70, 50);
    INDArray rows = big.get(NDArrayIndex.interval(10, 40), NDArrayIndex.all());
    assertTrue(rows.isView());
    assertSameProduct(rows, w, false, false, 1, 0);
    assertSameProduct(big.castTo(DataType.DOUBLE), w.castTo(DataType.DOUBLE), false, false, 1, 0);
  }

  @Test void mismatchedShapesNameAllThree() {
    var e = assertThrows(IllegalArgumentException.class, () -> Gemm.multiply(
        Nd4j.rand(DataType.FLOAT, 3, 4), Nd4j.rand(DataType.FLOAT, 5, 6), Nd4j.rand(DataType.FLOAT, 3, 6), false, false, 1, 0));
    assertEquals("cannot multiply [3, 4] by [5, 6] into [3, 6]", e.getMessage());
  }
}
