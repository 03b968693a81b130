package org.ganbook.nn;

import java.nio.FloatBuffer;
import java.util.List;
import org.ganbook.loops.Loops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.transforms.custom.EqualTo;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Maxout (Goodfellow et al., 2013), the paper's discriminator unit: each of {@code units} outputs is
 * the maximum of {@code pieces} affine functions of the input.
 *
 * <p>The affine part is one GEMM into [m, pieces * units], laid out piece-major so that piece p is
 * the column block [p * units, (p + 1) * units). Seen as [m, pieces, units] (the same memory), the
 * maximum is one reduction over the middle axis, and backward routes the gradient through a mask of
 * the winning piece. On the CPU both are one Java pass ({@link Loops}) that keeps the winning
 * piece's index; elsewhere ND4J's reduction and a mask made by two broadcasting element-wise ops,
 * far cheaper than the same work done piece by piece on column views, or ND4J's generic
 * {@code reduce_max_bp} (bench/README.md has the measurements).
 */
public final class Maxout implements Layer {
  private final Dense affine;
  private final int units;
  private final int pieces;
  private String name = "maxout";
  private INDArray z;
  private INDArray h;
  private byte[] winners;

  public Maxout(long in, int units, int pieces, Init init) {
    if (pieces > Byte.MAX_VALUE) throw new IllegalArgumentException("Maxout keeps its winning piece in a byte: at most 127 pieces, got " + pieces);
    if (units < 1 || pieces < 1) throw new IllegalArgumentException("Maxout needs units, pieces >= 1, got " + units + ", " + pieces);
    this.units = units;
    this.pieces = pieces;
    this.affine = new Dense(name, in, (long) units * pieces, init);
  }

  public long in() { return affine.in(); }
  public int units() { return units; }
  public int pieces() { return pieces; }

  @Override public INDArray forward(INDArray x, Mode mode) {
    Shapes.requireColumns(toString(), x, affine.in());
    INDArray affineOut = affine.forward(x, mode);
    h = Nd4j.createUninitialized(affineOut.dataType(), x.rows(), units);
    if (Loops.available(affineOut)) {
      z = null;
      winners = maxAndWinners(affineOut, h);
      return h;
    }
    winners = null;
    z = affineOut.reshape(x.rows(), pieces, units);
    Nd4j.exec(new Max(z, h, 1));
    return h;
  }

  @Override public INDArray backward(INDArray dh, boolean parameterGradients, boolean inputGradient) {
    Shapes.requireSame(name, h, dh, "the output gradient");
    long m = dh.rows();
    if (winners != null) {
      INDArray contiguous = dh.isView() && dh.elementWiseStride() != 1 ? dh.dup('c') : dh;
      return affine.backward(routeToWinners(contiguous), parameterGradients, inputGradient);
    }
    INDArray h3 = h.reshape(m, 1, units);
    // Ties (equal pieces) are measure-zero for real-valued inputs; each tied piece gets the gradient.
    INDArray winner = Nd4j.createUninitialized(DataType.BOOL, z.shape());
    Nd4j.exec(new EqualTo(new INDArray[] {z, h3}, new INDArray[] {winner}));
    INDArray dz = winner.castTo(dh.dataType());
    Nd4j.exec(new MulOp(new INDArray[] {dz, dh.reshape(m, 1, units)}, new INDArray[] {dz}));
    return affine.backward(dz.reshape(m, (long) pieces * units), parameterGradients, inputGradient);
  }

  /** Rows per chunk of the Java passes: a few chunks for the pool's workers at m = 100 to 300. */
  private static final int ROWS_PER_CHUNK = 32;

  /**
   * h = the maximum over pieces, and each unit's winning piece, all backward needs (of tied pieces
   * the first wins: ties are measure-zero). Two branch-free passes per row, the maximum and then
   * the piece that holds it: a comparison per element that picks the winner as it goes mispredicts
   * about every other branch, and costs twice as much.
   */
  private byte[] maxAndWinners(INDArray affineOut, INDArray h) {
    int rows = (int) h.rows(), width = pieces * units;
    byte[] won = new byte[rows * units];
    FloatBuffer in = Loops.floats(affineOut), out = Loops.floats(h);
    Loops.forEachChunk(rows, ROWS_PER_CHUNK, (chunk, from, to) -> {
      float[] row = new float[width], best = new float[units];
      int[] piece = new int[units];
      for (int r = from; r < to; r++) {
        in.get(r * width, row, 0, width);
        System.arraycopy(row, 0, best, 0, units);
        for (int p = 1; p < pieces; p++) {
          for (int u = 0, at = p * units; u < units; u++, at++) best[u] = Math.max(best[u], row[at]);
        }
        java.util.Arrays.fill(piece, 0);
        for (int p = pieces - 1; p >= 1; p--) {
          for (int u = 0, at = p * units; u < units; u++, at++) piece[u] = row[at] == best[u] ? p : piece[u];
        }
        for (int u = 0; u < units; u++) won[r * units + u] = (byte) piece[u];
        out.put(r * units, best, 0, units);
      }
    });
    return won;
  }

  /** dL/dz: dL/dh in the winning piece's column, 0 in the others. */
  private INDArray routeToWinners(INDArray dh) {
    int rows = (int) dh.rows(), width = pieces * units;
    INDArray dz = Nd4j.createUninitialized(dh.dataType(), rows, width);
    FloatBuffer in = Loops.floats(dh), out = Loops.floats(dz);
    Loops.forEachChunk(rows, ROWS_PER_CHUNK, (chunk, from, to) -> {
      float[] gradient = new float[units], row = new float[width];
      for (int r = from; r < to; r++) {
        in.get(r * units, gradient, 0, units);
        java.util.Arrays.fill(row, 0f);
        for (int u = 0; u < units; u++) row[winners[r * units + u] * units + u] = gradient[u];
        out.put(r * width, row, 0, width);
      }
    });
    return dz;
  }

  @Override public List<Parameter> parameters() { return affine.parameters(); }

  @Override public void setName(String name) {
    this.name = name;
    affine.setName(name);
  }

  @Override public String toString() { return name + " Maxout " + affine.in() + " -> " + units + " units x " + pieces + " pieces"; }
}
