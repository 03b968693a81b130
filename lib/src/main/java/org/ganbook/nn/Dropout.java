package org.ganbook.nn;

import org.ganbook.loops.Draws;
import org.ganbook.loops.Loops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dropout (Srivastava et al., 2014) as the paper's discriminator used it: in training each input
 * is kept with probability {@code keep} and scaled by 1/keep ("inverted" dropout, the same
 * expectation as pylearn2's scaling at test time); in evaluation it passes through.
 */
public final class Dropout implements Layer {
  private final double keep;
  private String name = "";
  private INDArray mask;

  public Dropout(double keep) {
    if (!(keep > 0 && keep <= 1)) throw new IllegalArgumentException("Dropout keep probability must be in (0, 1], got " + keep);
    this.keep = keep;
  }

  public double keep() { return keep; }

  @Override public INDArray forward(INDArray x, Mode mode) {
    if (mode != Mode.TRAIN || keep == 1.0) {
      mask = null;
      return x;
    }
    mask = Nd4j.createUninitialized(x.dataType(), x.shape());
    if (Loops.available(x)) {
      INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
      Draws.dropout(x, keep, mask, y);
      return y;
    }
    Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, keep), Nd4j.getRandom());
    mask.divi(keep);
    return x.mul(mask);
  }

  @Override public INDArray backward(INDArray dy, boolean parameterGradients, boolean inputGradient) {
    if (!inputGradient) return null;
    return mask == null ? dy : dy.mul(mask);
  }

  @Override public void setName(String name) { this.name = name; }

  @Override public String toString() { return name + " " + "Dropout keep " + keep; }
}
