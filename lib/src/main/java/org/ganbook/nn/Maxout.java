package org.ganbook.nn;

import java.util.List;
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
 * the winning piece, made by two broadcasting element-wise ops: far cheaper than the same work
 * done piece by piece on column views, or ND4J's generic {@code reduce_max_bp} (bench/README.md
 * has the measurements).
 */
public final class Maxout implements Layer {
  private final Dense affine;
  private final int units;
  private final int pieces;
  private String name = "maxout";
  private INDArray z;
  private INDArray h;

  public Maxout(long in, int units, int pieces, Init init) {
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
    z = affine.forward(x, mode).reshape(x.rows(), pieces, units);
    h = Nd4j.createUninitialized(z.dataType(), x.rows(), units);
    Nd4j.exec(new Max(z, h, 1));
    return h;
  }

  @Override public INDArray backward(INDArray dh, boolean parameterGradients, boolean inputGradient) {
    Shapes.requireSame(name, h, dh, "the output gradient");
    long m = dh.rows();
    INDArray h3 = h.reshape(m, 1, units);
    // Ties (equal pieces) are measure-zero for real-valued inputs; each tied piece gets the gradient.
    INDArray winner = Nd4j.createUninitialized(DataType.BOOL, z.shape());
    Nd4j.exec(new EqualTo(new INDArray[] {z, h3}, new INDArray[] {winner}));
    INDArray dz = winner.castTo(dh.dataType());
    Nd4j.exec(new MulOp(new INDArray[] {dz, dh.reshape(m, 1, units)}, new INDArray[] {dz}));
    return affine.backward(dz.reshape(m, (long) pieces * units), parameterGradients, inputGradient);
  }

  @Override public List<Parameter> parameters() { return affine.parameters(); }

  @Override public void setName(String name) {
    this.name = name;
    affine.setName(name);
  }

  @Override public String toString() { return name + " Maxout " + affine.in() + " -> " + units + " units x " + pieces + " pieces"; }
}
