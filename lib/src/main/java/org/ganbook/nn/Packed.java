package org.ganbook.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network applied to each of p examples packed side by side in one row: PacGAN's generator
 * (Lin et al., 2018). A row of p * in columns is read as p inputs, each goes through the same
 * {@code inner} network, and the p outputs are laid side by side again. With p_data sampled as
 * packs of p examples too, an unchanged D sees p samples at once and can tell a G that puts them
 * all on one mode from the data, which rarely does.
 */
public final class Packed implements Layer {
  private final Layer inner;
  private final int p;
  private String name = "packed";

  public Packed(Layer inner, int p) {
    if (p < 1) throw new IllegalArgumentException("pack size must be >= 1, got " + p);
    this.inner = inner;
    this.p = p;
  }

  public Layer inner() { return inner; }
  public int packSize() { return p; }

  /** [m, p * a] -> [m * p, a]: row i holds examples i p .. i p + p - 1 (row-major, no copy when contiguous). */
  public static INDArray unpack(INDArray packed, int p) {
    if (packed.columns() % p != 0) {
      throw new IllegalArgumentException(packed.columns() + " columns do not split into packs of " + p);
    }
    return packed.dup('c').reshape('c', packed.rows() * p, packed.columns() / p);
  }

  /** [m * p, a] -> [m, p * a], the inverse of {@link #unpack}. */
  public static INDArray pack(INDArray rows, int p) {
    if (rows.rows() % p != 0) throw new IllegalArgumentException(rows.rows() + " rows do not split into packs of " + p);
    return rows.dup('c').reshape('c', rows.rows() / p, rows.columns() * p);
  }

  @Override public INDArray forward(INDArray x, Mode mode) { return pack(inner.forward(unpack(x, p), mode), p); }

  @Override public INDArray backward(INDArray dy, boolean parameterGradients, boolean inputGradient) {
    INDArray dx = inner.backward(unpack(dy, p), parameterGradients, inputGradient);
    return dx == null ? null : pack(dx, p);
  }

  @Override public List<Parameter> parameters() { return inner.parameters(); }

  @Override public void setName(String name) {
    this.name = name;
    inner.setName(name + ".inner");
  }

  @Override public String toString() { return name + " Packed x" + p + " of (" + inner + ")"; }
}
