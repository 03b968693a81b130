package org.ganbook.nn;

import java.nio.FloatBuffer;
import org.ganbook.loops.Loops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layers' row broadcasts and column sums as Java passes over [rows, columns] matrices
 * ({@link Loops}): a bias added and a scale applied in one pass instead of one ND4J op each, and
 * the column sums of backward (bias gradients, weight norm's scale gradient) gathered in the same
 * pass that scales the gradient. Rows are split into fixed chunks; each chunk sums its own rows
 * and the chunks' sums are added in chunk order, so the result does not depend on the threads.
 */
final class RowPasses {
  private static final int ROWS = 16;

  private RowPasses() {}

  /** Whether the arrays can take these passes (CPU backend, contiguous float matrices or rows). */
  static boolean available(INDArray... arrays) {
    for (INDArray a : arrays) if (a != null && (a.length() == 0 || !Loops.available(a))) return false;
    return true;
  }

  private static float[] row(INDArray a) { return a == null ? null : a.data().asFloat(); }

  /** y = x * scale + shift, with scale and shift rows [1, columns] (either may be null); returns y. */
  static INDArray scaleShift(INDArray x, INDArray scale, INDArray shift, INDArray y) {
    int rows = (int) x.rows(), columns = (int) x.columns();
    float[] s = row(scale), b = row(shift);
    FloatBuffer in = Loops.floats(x), out = Loops.floats(y);
    Loops.forEachChunk(rows, ROWS, (chunk, from, to) -> {
      float[] r = new float[columns];
      for (int i = from; i < to; i++) {
        in.get(i * columns, r, 0, columns);
        if (s != null && b != null) for (int j = 0; j < columns; j++) r[j] = r[j] * s[j] + b[j];
        else if (s != null) for (int j = 0; j < columns; j++) r[j] *= s[j];
        else if (b != null) for (int j = 0; j < columns; j++) r[j] += b[j];
        out.put(i * columns, r, 0, columns);
      }
    });
    return y;
  }

  /** The column sums of a into out [1, columns]; returns out. */
  static INDArray columnSums(INDArray a, INDArray out) {
    backward(a, null, null, null, out, null);
    return out;
  }

  /** The column sums of a's squares, [1, columns]. */
  static INDArray columnSquares(INDArray a) {
    int rows = (int) a.rows(), columns = (int) a.columns();
    FloatBuffer in = Loops.floats(a);
    float[][] partial = new float[(rows + ROWS - 1) / ROWS][columns];
    Loops.forEachChunk(rows, ROWS, (chunk, from, to) -> {
      float[] r = new float[columns], sum = partial[chunk];
      for (int i = from; i < to; i++) {
        in.get(i * columns, r, 0, columns);
        for (int j = 0; j < columns; j++) sum[j] += r[j] * r[j];
      }
    });
    return inOrder(partial, a.dataType());
  }

  /**
   * One pass over the rows of dy: dx = dy * scale (when dx is given), the column sums of dy into
   * sumDy and of dy * product into sumDyProduct (each when given).
   */
  static void backward(INDArray dy, INDArray scale, INDArray dx, INDArray product, INDArray sumDy, INDArray sumDyProduct) {
    int rows = (int) dy.rows(), columns = (int) dy.columns(), chunks = (rows + ROWS - 1) / ROWS;
    float[] s = row(scale);
    FloatBuffer g = Loops.floats(dy), out = dx == null ? null : Loops.floats(dx), p = product == null ? null : Loops.floats(product);
    float[][] sums = sumDy == null ? null : new float[chunks][columns];
    float[][] sumsWithProduct = sumDyProduct == null ? null : new float[chunks][columns];
    Loops.forEachChunk(rows, ROWS, (chunk, from, to) -> {
      float[] r = new float[columns], q = p == null ? null : new float[columns], d = out == null ? null : new float[columns];
      for (int i = from; i < to; i++) {
        g.get(i * columns, r, 0, columns);
        if (sums != null) {
          float[] sum = sums[chunk];
          for (int j = 0; j < columns; j++) sum[j] += r[j];
        }
        if (sumsWithProduct != null) {
          p.get(i * columns, q, 0, columns);
          float[] sum = sumsWithProduct[chunk];
          for (int j = 0; j < columns; j++) sum[j] += r[j] * q[j];
        }
        if (d != null) {
          for (int j = 0; j < columns; j++) d[j] = r[j] * s[j];
          out.put(i * columns, d, 0, columns);
        }
      }
    });
    if (sumDy != null) sumDy.assign(inOrder(sums, dy.dataType()).reshape(sumDy.shape()));
    if (sumDyProduct != null) sumDyProduct.assign(inOrder(sumsWithProduct, dy.dataType()).reshape(sumDyProduct.shape()));
  }

  /** The chunks' partial sums added in chunk order, as a [1, columns] row. */
  private static INDArray inOrder(float[][] partial, org.nd4j.linalg.api.buffer.DataType type) {
    float[] total = partial[0].clone();
    for (int c = 1; c < partial.length; c++) {
      float[] next = partial[c];
      for (int j = 0; j < total.length; j++) total[j] += next[j];
    }
    return Nd4j.createFromArray(total).reshape(1, total.length).castTo(type);
  }
}
