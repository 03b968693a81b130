package org.ganbook.nn;

import org.ganbook.loops.Draws;
import org.ganbook.loops.Loops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;

/** Adds N(0, sigma^2) noise in training (improved-gan's discriminator regulariser); identity in evaluation. */
public final class GaussianNoise implements Layer {
  private final double sigma;
  private String name = "";

  public GaussianNoise(double sigma) {
    if (!(sigma >= 0)) throw new IllegalArgumentException("GaussianNoise needs sigma >= 0, got " + sigma);
    this.sigma = sigma;
  }

  @Override public INDArray forward(INDArray x, Mode mode) {
    if (mode != Mode.TRAIN || sigma == 0) return x;
    if (Loops.available(x)) return Draws.plusNormal(x, sigma);
    INDArray noise = Nd4j.createUninitialized(x.dataType(), x.shape());
    Nd4j.getExecutioner().exec(new GaussianDistribution(noise, 0.0, sigma), Nd4j.getRandom());
    return noise.addi(x);
  }

  @Override public INDArray backward(INDArray dy, boolean parameterGradients, boolean inputGradient) {
    return inputGradient ? dy : null;
  }

  @Override public void setName(String name) { this.name = name; }

  @Override public String toString() { return name + " " + "GaussianNoise sigma " + sigma; }
}
