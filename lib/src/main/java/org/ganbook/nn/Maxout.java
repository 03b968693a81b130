package org.ganbook.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Maxout (Goodfellow et al., 2013), the paper's discriminator unit: each of {@code units} outputs is
 * the maximum of {@code pieces} affine functions of the input.
 *
 * <p>The affine part is one GEMM into [m, pieces * units], laid out piece-major so that piece p is
 * the column block [p * units, (p + 1) * units). The maximum is taken piece by piece with
 * element-wise ops, and backward routes the gradient through a mask of the winning piece: a
 * prototype found ND4J's generic {@code reduce_max_bp} about 50x slower than this.
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

  private INDArray piece(INDArray a, int p) {
    return a.get(NDArrayIndex.all(), NDArrayIndex.interval((long) p * units, (long) (p + 1) * units));
  }

  @Override public INDArray forward(INDArray x, Mode mode) {
    Shapes.requireColumns(toString(), x, affine.in());
    z = affine.forward(x, mode);
    h = piece(z, 0).dup('c');
    for (int p = 1; p < pieces; p++) Transforms.max(h, piece(z, p), false);
    return h;
  }

  @Override public INDArray backward(INDArray dh, boolean parameterGradients, boolean inputGradient) {
    Shapes.requireSame(name, h, dh, "the output gradient");
    INDArray dz = Nd4j.createUninitialized(dh.dataType(), z.shape());
    for (int p = 0; p < pieces; p++) {
      // Ties (equal pieces) are measure-zero for real-valued inputs; each tied piece gets the gradient.
      INDArray winner = piece(z, p).eq(h).castTo(dh.dataType());
      piece(dz, p).assign(winner.muli(dh));
    }
    return affine.backward(dz, parameterGradients, inputGradient);
  }

  @Override public List<Parameter> parameters() { return affine.parameters(); }

  @Override public void setName(String name) {
    this.name = name;
    affine.setName(name);
  }

  @Override public String toString() { return name + " Maxout " + affine.in() + " -> " + units + " units x " + pieces + " pieces"; }
}
