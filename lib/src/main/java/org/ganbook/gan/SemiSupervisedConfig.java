package org.ganbook.gan;

/**
 * The settings of semi-supervised GAN training: minibatches of m labelled, m unlabelled and m
 * generated examples; the weight of the unsupervised loss (0 gives the supervised-only baseline,
 * the same D trained on the labels alone); the decay of the moving average of D's parameters that
 * the test error is measured with (0: no average, the last parameters); and the seed of every
 * random draw made while training.
 */
public record SemiSupervisedConfig(int m, double unlabelledWeight, double averageDecay, long seed) {
  public SemiSupervisedConfig {
    if (m < 1) throw new IllegalArgumentException("m (minibatch size) must be >= 1, got " + m);
    if (!(unlabelledWeight >= 0) || Double.isInfinite(unlabelledWeight)) {
      throw new IllegalArgumentException("the unlabelled weight must be finite and >= 0, got " + unlabelledWeight);
    }
    if (!(averageDecay >= 0 && averageDecay < 1)) {
      throw new IllegalArgumentException("the average's decay must be in [0, 1), got " + averageDecay);
    }
  }

  /** The feature-matching semi-supervised GAN (unlabelled weight 1). */
  public static SemiSupervisedConfig gan(int m, double averageDecay, long seed) {
    return new SemiSupervisedConfig(m, 1.0, averageDecay, seed);
  }

  /** The supervised-only baseline: the same D, the unlabelled loss weighted 0, no G. */
  public static SemiSupervisedConfig supervisedOnly(int m, double averageDecay, long seed) {
    return new SemiSupervisedConfig(m, 0.0, averageDecay, seed);
  }
}
