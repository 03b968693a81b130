package org.ganbook.nn;

import org.ganbook.loops.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Sums down the columns of a row-major matrix, as one GEMM with a row of ones. ND4J's reduction
 * along dimension 0 walks each column with a stride; the product reads the matrix row by row (see
 * bench/README.md for the measurements).
 */
public final class Columns {
  private Columns() {}

  /** out [1, columns] = alpha * sum over the rows of a [rows, columns]; returns out. */
  public static INDArray sum(INDArray a, double alpha, INDArray out) {
    INDArray ones = Nd4j.ones(a.dataType(), 1, a.rows());
    return Gemm.multiply(ones, a, out.reshape(1, a.columns()), false, false, alpha, 0.0);
  }

  /** alpha * the column sums of a, as a new [1, columns] row. */
  public static INDArray sum(INDArray a, double alpha) {
    return sum(a, alpha, Nd4j.createUninitialized(a.dataType(), 1, a.columns()));
  }

  /**
   * The L2 norm of each column of a, [1, columns]: on the CPU from one Java pass over a
   * ({@link RowPasses#columnSquares}), elsewhere from its squares summed by a GEMM.
   */
  public static INDArray norms(INDArray a) {
    if (RowPasses.available(a)) return Transforms.sqrt(RowPasses.columnSquares(a), false);
    INDArray squares = Nd4j.createUninitialized(a.dataType(), a.shape());
    Nd4j.exec(new Square(a, squares));
    INDArray norms = sum(squares, 1.0);
    Nd4j.exec(new Sqrt(norms, norms));
    return norms;
  }
}
