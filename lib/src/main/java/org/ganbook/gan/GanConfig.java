package org.ganbook.gan;

import org.ganbook.loss.DiscriminatorCost;
import org.ganbook.loss.GeneratorLoss;

/**
 * The hyper-parameters of Algorithm 1: k discriminator steps per generator step, minibatches of
 * m examples, the generator's loss, the seed of every random draw made while training, how the two
 * networks take turns, and the cost D descends.
 *
 * <p>The four-argument constructor is Algorithm 1 as the paper prints it (alternating steps, D on
 * -V). {@link #paperCode(long)} is the MNIST run as goodfeli/adversarial's code made it.
 */
public record GanConfig(int k, int m, GeneratorLoss generatorLoss, long seed, Update update, DiscriminatorCost discriminatorCost) {

  /** How D's and G's steps are ordered within an iteration. */
  public enum Update {
    /** Algorithm 1 as printed: k steps of D, then one of G against the updated D, on a fresh noise batch. */
    ALTERNATING,
    /**
     * The paper's code (AdversaryCost2 under pylearn2's SGD): one forward of D on m real and m
     * generated examples, both networks' gradients from it (the same noise batch, the same dropout
     * masks, D before its update), then both updates at once. Needs k = 1.
     */
    SIMULTANEOUS
  }

  public GanConfig {
    if (k < 1) throw new IllegalArgumentException("k (discriminator steps per generator step) must be >= 1, got " + k);
    if (m < 1) throw new IllegalArgumentException("m (minibatch size) must be >= 1, got " + m);
    if (generatorLoss == null) throw new IllegalArgumentException("choose a generator loss: SATURATING or NON_SATURATING");
    if (update == null) throw new IllegalArgumentException("choose an update: ALTERNATING or SIMULTANEOUS");
    if (discriminatorCost == null) throw new IllegalArgumentException("choose D's cost: MINUS_V or MEAN_CROSS_ENTROPY");
    if (update == Update.SIMULTANEOUS && k != 1) {
      throw new IllegalArgumentException("the simultaneous update takes one step of each network: k must be 1, got " + k);
    }
  }

  /** Algorithm 1 as printed: alternating steps, D descends -V. */
  public GanConfig(int k, int m, GeneratorLoss generatorLoss, long seed) {
    this(k, m, generatorLoss, seed, Update.ALTERNATING, DiscriminatorCost.MINUS_V);
  }

  /**
   * The paper's MNIST run as its code trained it: k = 1, m = 100, G on -log D(G(z)), the
   * simultaneous update, and D on the mean cross-entropy (half the gradient of -V).
   */
  public static GanConfig paperCode(long seed) {
    return new GanConfig(1, 100, GeneratorLoss.NON_SATURATING, seed, Update.SIMULTANEOUS, DiscriminatorCost.MEAN_CROSS_ENTROPY);
  }

  public GanConfig with(Update update) { return new GanConfig(k, m, generatorLoss, seed, update, discriminatorCost); }

  public GanConfig with(DiscriminatorCost cost) { return new GanConfig(k, m, generatorLoss, seed, update, cost); }

  public GanConfig withK(int k) { return new GanConfig(k, m, generatorLoss, seed, update, discriminatorCost); }

  public GanConfig withM(int m) { return new GanConfig(k, m, generatorLoss, seed, update, discriminatorCost); }

  public GanConfig with(GeneratorLoss loss) { return new GanConfig(k, m, loss, seed, update, discriminatorCost); }

  public GanConfig withSeed(long seed) { return new GanConfig(k, m, generatorLoss, seed, update, discriminatorCost); }
}
