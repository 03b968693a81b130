package org.ganbook.gan;

import org.ganbook.data.Sampler;
import org.ganbook.nn.Dense;
import org.ganbook.nn.Dropout;
import org.ganbook.nn.Init;
import org.ganbook.nn.Layer;
import org.ganbook.nn.Maxout;
import org.ganbook.nn.Relu;
import org.ganbook.nn.Sequential;
import org.ganbook.nn.Sigmoid;
import org.ganbook.optim.Sgd;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The paper's MNIST experiment as its code ran it (goodfeli/adversarial, mnist.yaml): the networks,
 * p_z, and the optimiser. The overloads with a seed give the same initial weights every time.
 */
public final class PaperMnist {
  private PaperMnist() {}

  /** Dimension of z. */
  public static final int NOISE_DIMENSION = 100;

  /** pylearn2's MomentumAdjustor saturates at epoch 250; an epoch is 50,000 / 100 = 500 updates. */
  public static final long MOMENTUM_SATURATES = 250L * 500;

  /**
   * p_z: each of the 100 coordinates uniform on [-sqrt 3, sqrt 3] (zero mean, unit variance):
   * mnist.yaml's {@code noise: 'uniform'}. The paper's text names no distribution. The yaml's history
   * in goodfeli/adversarial: uniform when the code was published (9 June 2014), the {@code Generator}'s
   * default N(0, I) for a day (17 June), uniform again on 18 June ("uniform noise turned out to be ok").
   */
  public static Sampler noise() {
    double r = Math.sqrt(3);
    return m -> Nd4j.getExecutioner().exec(new UniformDistribution(
        Nd4j.createUninitialized(Nd4j.defaultFloatingPointType(), m, NOISE_DIMENSION), -r, r), Nd4j.getRandom());
  }

  /**
   * The {@code Generator}'s default p_z, N(0, I), the same mean and variance as {@link #noise()} but
   * unbounded: mnist.yaml's for one day of its history, kept for ablations
   * ({@code reproduce.sh gan --noise gaussian}).
   */
  public static Sampler gaussianNoise() {
    return m -> Nd4j.getExecutioner().exec(new GaussianDistribution(
        Nd4j.createUninitialized(Nd4j.defaultFloatingPointType(), m, NOISE_DIMENSION), 0, 1), Nd4j.getRandom());
  }

  /**
   * G: z (100) -> 1200 ReLU -> 1200 ReLU -> 784 sigmoid, weights U(-0.05, 0.05). The output biases
   * start at the logit of each pixel's mean over {@code trainImages}, so G's first samples already
   * have the data's average brightness (pylearn2's init_sigmoid_bias_from_marginals). Like pylearn2,
   * the means are clipped to [1e-7, 1 - 1e-7]: a pixel that is black in every training digit starts
   * at a bias of -16, black for good unless G's weights learn otherwise.
   */
  public static Sequential generator(INDArray trainImages) {
    Init init = Init.uniform(0.05);
    var out = new Dense(1200, 784, init);
    INDArray mean = trainImages.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).mean(0).reshape(1, 784);
    INDArray clipped = Transforms.max(Transforms.min(mean, 1 - 1e-7, false), 1e-7, false);
    out.bias().value().assign(Transforms.log(clipped.div(clipped.rsub(1.0)), false));
    return new Sequential("G",
        new Dense(NOISE_DIMENSION, 1200, init), new Relu(),
        new Dense(1200, 1200, init), new Relu(),
        out, new Sigmoid());
  }

  /**
   * D: 784 -> maxout 240 x 5 -> maxout 240 x 5 -> 1 logit, weights U(-0.005, 0.005), with dropout on
   * the input of each layer (keep 0.8 for the pixels, 0.5 for the hidden units).
   */
  public static Sequential discriminator() {
    Init init = Init.uniform(0.005);
    Layer[] layers = {
        new Dropout(0.8), new Maxout(784, 240, 5, init),
        new Dropout(0.5), new Maxout(240, 240, 5, init),
        new Dropout(0.5), new Dense(240, 1, init)};
    return new Sequential("D", layers);
  }

  /**
   * G with its initial weights drawn right after seeding this thread's generator with {@code seed}
   * (which it leaves there, as {@code setSeed} followed by {@link #generator(INDArray)} would): the
   * same network in every run.
   */
  public static Sequential generator(INDArray trainImages, long seed) {
    Nd4j.getRandom().setSeed(seed);
    return generator(trainImages);
  }

  /** D with its initial weights drawn from {@code seed} (see {@link #generator(INDArray, long)}). */
  public static Sequential discriminator(long seed) {
    Nd4j.getRandom().setSeed(seed);
    return discriminator();
  }

  /** SGD with lr 0.1 divided by 1.000004 per update (floor 1e-6), momentum 0.5 rising to 0.7. */
  public static Sgd optimizer() { return Sgd.paperMnist(MOMENTUM_SATURATES); }
}
