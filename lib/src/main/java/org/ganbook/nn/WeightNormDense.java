package org.ganbook.nn;

import java.util.List;
import org.ganbook.loops.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A dense layer with weight normalisation (Salimans and Kingma, 2016), as improved-gan's MNIST
 * discriminator uses it: y = x W + b with each column W_j = g_j v_j / ||v_j||. The direction v is
 * learned; the scale g is learned only when {@code trainScale} (improved-gan trains it in D's last
 * layer alone), otherwise it stays where {@link #initialise} put it. A fixed scale bounds how fast
 * D's hidden features can grow, which keeps feature matching's targets from running away.
 */
public final class WeightNormDense implements Layer {
  private final Parameter direction;
  private final Parameter bias;
  private final Parameter scale;
  private final boolean trainScale;
  private String name = "wn";
  private INDArray input;
  private INDArray norm;
  private INDArray columnScale;
  private INDArray product;

  /** v ~ N(0, 0.1^2) as improved-gan's DenseLayer draws theta, g = 1, b = 0. */
  public WeightNormDense(long in, long out, boolean trainScale) {
    if (in < 1 || out < 1) throw new IllegalArgumentException("WeightNormDense needs in, out >= 1, got " + in + ", " + out);
    var type = Nd4j.defaultFloatingPointType();
    INDArray v = Nd4j.createUninitialized(type, in, out);
    Nd4j.getExecutioner().exec(new GaussianDistribution(v, 0.0, 0.1), Nd4j.getRandom());
    direction = new Parameter(name + ".v", v);
    bias = new Parameter(name + ".b", Nd4j.zeros(type, 1, out));
    scale = new Parameter(name + ".g", Nd4j.ones(type, 1, out));
    this.trainScale = trainScale;
  }

  public long in() { return direction.value().rows(); }
  public long out() { return direction.value().columns(); }
  public Parameter direction() { return direction; }
  public Parameter scale() { return scale; }
  public Parameter bias() { return bias; }

  /** The effective weights g v / ||v||, [in, out] (to look at: training never forms them). */
  public INDArray weights() { return direction.value().mulRowVector(columnScale()); }

  /** s_j = g_j / ||v_j||, so that W = v diag(s). */
  private INDArray columnScale() {
    norm = Columns.norms(direction.value());
    return scale.value().div(norm);
  }

  /**
   * y = (x v) diag(s) + b: the same as x W + b, computed without forming W. Scaling the [m, out]
   * product is cheaper than scaling the [in, out] weights when m < in, and backward needs no
   * [in, out] temporary either (improved-gan's D has m = 300 against in = 784 in its first layer).
   */
  @Override public INDArray forward(INDArray x, Mode mode) {
    Shapes.requireColumns(toString(), x, in());
    input = x;
    columnScale = columnScale();
    product = Nd4j.createUninitialized(x.dataType(), x.rows(), out());
    Gemm.multiply(x, direction.value(), product, false, false, 1.0, 0.0);
    if (RowPasses.available(product)) {
      return RowPasses.scaleShift(product, columnScale, bias.value(), Nd4j.createUninitialized(x.dataType(), x.rows(), out()));
    }
    return product.mulRowVector(columnScale).addiRowVector(bias.value());
  }

  @Override public INDArray backward(INDArray dy, boolean parameterGradients, boolean inputGradient) {
    Shapes.requireSame(toString(), product, dy, "the output gradient");
    INDArray dProduct;
    INDArray dg = null;
    if (RowPasses.available(dy, product)) {
      // dy s, and the column sums of dy and dy u, in one pass over dy
      dProduct = Nd4j.createUninitialized(dy.dataType(), dy.shape());
      if (parameterGradients) dg = Nd4j.createUninitialized(dy.dataType(), 1, out());
      RowPasses.backward(dy, columnScale, dProduct, parameterGradients ? product : null,
          parameterGradients ? bias.gradient() : null, dg);
    } else {
      dProduct = dy.mulRowVector(columnScale);
      if (parameterGradients) {
        Columns.sum(dy, 1.0, bias.gradient());
        dg = Columns.sum(dy.mul(product), 1.0);
      }
    }
    if (parameterGradients) {
      // With u = x v: dL/dg_j = sum_i dy_ij u_ij / ||v_j||, and
      // dL/dv_j = s_j (x^T dy)_j - (s_j dL/dg_j / ||v_j||) v_j = (x^T (dy s))_j - c_j v_j.
      dg.divi(norm);
      if (trainScale) scale.gradient().assign(dg);
      INDArray c = columnScale.mul(dg).divi(norm).negi();
      if (RowPasses.available(direction.value(), direction.gradient())) {
        RowPasses.scaleShift(direction.value(), c, null, direction.gradient());
      } else {
        Nd4j.exec(new BroadcastMulOp(direction.value(), c, direction.gradient(), 1));
      }
      Gemm.multiply(input, dProduct, direction.gradient(), true, false, 1.0, 1.0);
    }
    if (!inputGradient) return null;
    INDArray dx = Nd4j.createUninitialized(dy.dataType(), dy.rows(), in());
    return Gemm.multiply(dProduct, direction.value(), dx, false, true, 1.0, 0.0);
  }

  /**
   * Data-dependent initialisation (improved-gan's init pass): on a minibatch x, choose g and b so
   * that every unit's pre-activation has mean 0 and standard deviation 1.
   */
  public void initialise(INDArray x) {
    scale.value().assign(1.0);
    bias.value().assign(0.0);
    INDArray t = x.mmul(weights());
    INDArray mean = t.mean(true, 0);
    INDArray centred = t.subRowVector(mean);
    INDArray std = Transforms.sqrt(centred.mul(centred).mean(true, 0), false).addi(1e-8);
    scale.value().assign(scale.value().div(std));
    bias.value().assign(mean.neg().divi(std));
  }

  /**
   * Runs x through {@code net} layer by layer (in training mode, noise on, as improved-gan's init
   * pass), initialising each weight-normalised layer on what reaches it; returns the output.
   */
  public static INDArray initialise(Layer net, INDArray x) {
    if (net instanceof Sequential s) {
      for (Layer l : s.layers()) x = initialise(l, x);
      return x;
    }
    if (net instanceof WeightNormDense w) w.initialise(x);
    return net.forward(x, Mode.TRAIN);
  }

  /** g is listed only when it is trained, so optimizers never move a fixed scale. */
  @Override public List<Parameter> parameters() {
    return trainScale ? List.of(direction, scale, bias) : List.of(direction, bias);
  }

  @Override public void setName(String name) {
    this.name = name;
    direction.rename(name + ".v");
    bias.rename(name + ".b");
    scale.rename(name + ".g");
  }

  @Override public String toString() { return name + " WeightNormDense " + in() + " -> " + out() + (trainScale ? " (g trained)" : ""); }
}
