package org.ganbook.gan;

import org.ganbook.data.Mnist;
import org.ganbook.data.Sampler;
import org.ganbook.nn.BatchNorm;
import org.ganbook.nn.Dense;
import org.ganbook.nn.GaussianNoise;
import org.ganbook.nn.Init;
import org.ganbook.nn.Relu;
import org.ganbook.nn.Sequential;
import org.ganbook.nn.Sigmoid;
import org.ganbook.nn.Softplus;
import org.ganbook.nn.WeightNormDense;
import org.ganbook.optim.Adam;
import org.ganbook.optim.Schedule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The networks of Salimans et al. (2016) for semi-supervised MNIST, as openai/improved-gan's
 * train_mnist_feature_matching.py builds them: D's dense layers weight-normalised (the scale g
 * trained in the last layer only, set by a data-dependent {@link #initialise} pass), G's output
 * layer weight-normalised with a trained scale, its hidden layers batch-normalised (no scale, as
 * the script's {@code g=None}).
 *
 * <p>D is split in two so that feature matching can read its last hidden layer: {@link
 * #discriminatorFeatures()} maps x to f(x) (784 -> 1000 -> 500 -> 250 -> 250 -> 250, ReLU, Gaussian
 * noise sigma 0.3 on the input and 0.5 before every later layer) and {@link #classifier()} maps
 * f(x) to the K = 10 logits (noise 0.5, then a dense layer with no nonlinearity). Build them right
 * after {@code Nd4j.getRandom().setSeed(seed)} for a reproducible run.
 */
public final class ImprovedGanMnist {
  private ImprovedGanMnist() {}

  public static final int NOISE_DIMENSION = 100;
  public static final int CLASSES = 10;
  public static final int FEATURES = 250;
  /** Adam's settings in the script: lr 0.003, beta1 0.5, minibatches of 100. */
  public static final double LEARNING_RATE = 0.003;
  public static final double BETA1 = 0.5;
  public static final int BATCH = 100;

  /** f: 784 -> 1000 -> 500 -> 250 -> 250 -> 250, the part of D whose output feature matching reads. */
  public static Sequential discriminatorFeatures() {
    return new Sequential("D.f",
        new GaussianNoise(0.3), new WeightNormDense(784, 1000, false), new Relu(),
        new GaussianNoise(0.5), new WeightNormDense(1000, 500, false), new Relu(),
        new GaussianNoise(0.5), new WeightNormDense(500, 250, false), new Relu(),
        new GaussianNoise(0.5), new WeightNormDense(250, 250, false), new Relu(),
        new GaussianNoise(0.5), new WeightNormDense(250, FEATURES, false), new Relu());
  }

  /** The head: f(x) -> K logits l_1..l_K (the K+1-th logit, "generated", is fixed at 0). */
  public static Sequential classifier() {
    return new Sequential("D.head", new GaussianNoise(0.5), new WeightNormDense(FEATURES, CLASSES, true));
  }

  /** G: z (100, uniform on [0, 1]) -> 500 batch-norm softplus -> 500 batch-norm softplus -> 784 sigmoid. */
  public static Sequential generator() {
    Init init = Init.glorot();
    return new Sequential("G",
        new Dense(NOISE_DIMENSION, 500, init), new BatchNorm(500, false), new Softplus(),
        new Dense(500, 500, init), new BatchNorm(500, false), new Softplus(),
        new WeightNormDense(500, 784, true), new Sigmoid());
  }

  /**
   * improved-gan's data-dependent initialisation of D on a minibatch of training images (the
   * script uses 500): every weight-normalised unit starts with pre-activations of mean 0 and
   * standard deviation 1.
   */
  public static void initialise(Sequential features, Sequential classifier, INDArray images) {
    WeightNormDense.initialise(classifier, WeightNormDense.initialise(features, images));
  }

  /**
   * train_mnist_feature_matching.py as one trainer: ND4J's generator seeded with {@code
   * config.seed()}, then G, D's features and head built, D initialised on the first 500 unlabelled
   * images (the script's data-dependent initialisation batch), and Adam (lr 0.003, beta1 0.5) with
   * epsilon where {@code epsilon} puts it, for both networks.
   */
  public static SemiSupervisedGan semiSupervisedGan(Mnist labelled, INDArray unlabelled, Adam.Epsilon epsilon,
                                                    SemiSupervisedConfig config) {
    Nd4j.getRandom().setSeed(config.seed());
    var g = generator();
    var f = discriminatorFeatures();
    var head = classifier();
    initialise(f, head, unlabelled.get(NDArrayIndex.interval(0, Math.min(500, unlabelled.rows())), NDArrayIndex.all()));
    return new SemiSupervisedGan(g, f, head, labelled, unlabelled, noise(), adam(epsilon), adam(epsilon), config);
  }

  private static Adam adam(Adam.Epsilon epsilon) {
    return new Adam(Schedule.constant(LEARNING_RATE), BETA1, 0.999, 1e-8, epsilon);
  }

  /** p_z: 100 coordinates uniform on [0, 1], as the script's theano_rng.uniform. */
  public static Sampler noise() {
    return m -> Nd4j.getExecutioner().exec(new UniformDistribution(
        Nd4j.createUninitialized(Nd4j.defaultFloatingPointType(), m, NOISE_DIMENSION), 0, 1), Nd4j.getRandom());
  }
}
