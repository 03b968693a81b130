package org.ganbook.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation (Ioffe and Szegedy, 2015) of each column over the minibatch,
 * y = gamma (x - mean) / sqrt(var + eps) + beta, as improved-gan's generator uses it (there with
 * no gamma: {@code scale} false). In training the minibatch's own statistics are used and running
 * averages kept (new = 0.9 old + 0.1 batch, as the script); evaluation uses the averages; {@link
 * Mode#GENERATE} uses the minibatch's statistics and keeps the averages as they are.
 */
public final class BatchNorm implements Layer {
  static final double EPSILON = 1e-6;
  private final Parameter beta;
  private final Parameter gamma;
  private final boolean scale;
  private final INDArray runningMean;
  private final INDArray runningVar;
  private String name = "bn";
  private INDArray normalised;
  private INDArray inverseStd;

  public BatchNorm(long features, boolean scale) {
    if (features < 1) throw new IllegalArgumentException("BatchNorm needs features >= 1, got " + features);
    var type = Nd4j.defaultFloatingPointType();
    this.scale = scale;
    beta = new Parameter(name + ".beta", Nd4j.zeros(type, 1, features));
    gamma = new Parameter(name + ".gamma", Nd4j.ones(type, 1, features));
    runningMean = Nd4j.zeros(type, 1, features);
    runningVar = Nd4j.ones(type, 1, features);
  }

  @Override public INDArray forward(INDArray x, Mode mode) {
    Shapes.requireColumns(toString(), x, beta.value().columns());
    if (mode == Mode.EVAL) {
      INDArray inv = Transforms.sqrt(runningVar.add(EPSILON), false).rdivi(1.0);
      return x.subRowVector(runningMean).muliRowVector(inv).muliRowVector(gamma.value()).addiRowVector(beta.value());
    }
    long n = x.rows();
    // Column means as products with a row of ones (Columns): ND4J's reductions along dimension 0 are strided.
    INDArray mean = Columns.sum(x, 1.0 / n);
    INDArray centred = x.subRowVector(mean);
    INDArray var = Columns.sum(centred.mul(centred), 1.0 / n);
    inverseStd = Transforms.sqrt(var.add(EPSILON), false).rdivi(1.0);
    normalised = centred.muliRowVector(inverseStd);
    if (mode == Mode.TRAIN) {
      runningMean.muli(0.9).addi(mean.mul(0.1));
      runningVar.muli(0.9).addi(var.mul(0.1 * n / Math.max(1, n - 1)));
    }
    // Without a trained scale gamma stays 1 (it is no parameter), and the product is skipped.
    return scale ? normalised.mulRowVector(gamma.value()).addiRowVector(beta.value()) : normalised.addRowVector(beta.value());
  }

  @Override public INDArray backward(INDArray dy, boolean parameterGradients, boolean inputGradient) {
    Shapes.requireSame(toString(), normalised, dy, "the output gradient");
    long n = dy.rows();
    if (parameterGradients) {
      Columns.sum(dy, 1.0, beta.gradient());
      if (scale) Columns.sum(dy.mul(normalised), 1.0, gamma.gradient());
    }
    if (!inputGradient) return null;
    // dx = inv_std (dxhat - mean(dxhat) - xhat mean(dxhat xhat)), dxhat = gamma dy.
    INDArray dxhat = scale ? dy.mulRowVector(gamma.value()) : dy;
    INDArray meanD = Columns.sum(dxhat, 1.0 / n);
    INDArray meanDX = Columns.sum(dxhat.mul(normalised), 1.0 / n);
    return normalised.mulRowVector(meanDX.negi()).addi(dxhat).subiRowVector(meanD).muliRowVector(inverseStd);
  }

  @Override public List<Parameter> parameters() { return scale ? List.of(gamma, beta) : List.of(beta); }

  /** The running mean that evaluation normalises with (live: a checkpoint saves and restores it). */
  public INDArray runningMean() { return runningMean; }

  /** The running variance that evaluation normalises with (live). */
  public INDArray runningVar() { return runningVar; }

  @Override public void setName(String name) {
    this.name = name;
    beta.rename(name + ".beta");
    gamma.rename(name + ".gamma");
  }

  @Override public String toString() { return name + " BatchNorm " + beta.value().columns() + (scale ? "" : " (no scale)"); }
}
