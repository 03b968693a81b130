package org.ganbook.gan;

import org.ganbook.loss.GeneratorLoss;

/**
 * The hyper-parameters of Algorithm 1: k discriminator steps per generator step, minibatches of
 * m examples, the generator's loss, and the seed of every random draw made while training.
 */
public record GanConfig(int k, int m, GeneratorLoss generatorLoss, long seed) {
  public GanConfig {
    if (k < 1) throw new IllegalArgumentException("k (discriminator steps per generator step) must be >= 1, got " + k);
    if (m < 1) throw new IllegalArgumentException("m (minibatch size) must be >= 1, got " + m);
    if (generatorLoss == null) throw new IllegalArgumentException("choose a generator loss: SATURATING or NON_SATURATING");
  }
}
