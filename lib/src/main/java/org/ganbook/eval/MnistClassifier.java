package org.ganbook.eval;

import java.util.Arrays;
import org.ganbook.data.RandomState;
import org.ganbook.loss.SemiSupervisedLoss;
import org.ganbook.nn.Dense;
import org.ganbook.nn.Init;
import org.ganbook.nn.Layer;
import org.ganbook.nn.Mode;
import org.ganbook.nn.Relu;
import org.ganbook.nn.Sequential;
import org.ganbook.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The classifier behind the Inception Score and the Fréchet distance on MNIST. Salimans et al.
 * (2016, section 4) and Heusel et al. (2017) use Inception, trained on ImageNet; its classes and
 * features mean nothing for digits, so here an MLP trained on the MNIST training digits takes its
 * place: {@link #probabilities} are p(y|x) for the Inception Score, {@link #features} (the last
 * hidden layer) the rows for the Fréchet distance. A score is only as good as its classifier, so a
 * chapter reports the classifier's test accuracy beside it.
 *
 * <p>784 -> 256 -> 128 -> 10 with ReLU hidden units, trained with the softmax cross-entropy of the
 * labelled digits (the supervised part of {@link SemiSupervisedLoss}) and Adam (lr 1e-3, Kingma and
 * Ba's defaults) on shuffled minibatches of 100. Any rows [n, d] with labels 0..K-1 can be used.
 */
public final class MnistClassifier {
  static final int[] HIDDEN = {256, 128};
  static final int BATCH = 100;
  static final double LEARNING_RATE = 1e-3;

  private final Sequential network;

  private MnistClassifier(Sequential network) { this.network = network; }

  /**
   * Trains on {@code x} [n, d] with {@code labels} in 0..classes-1 for {@code epochs} passes. Weights
   * and minibatch order are drawn from ND4J's generator in the state {@code seed} gives it, on a
   * state of its own ({@link RandomState}): the caller's generator is left where it was.
   */
  public static MnistClassifier train(INDArray x, int[] labels, int classes, int epochs, long seed) {
    if (x.rank() != 2 || x.rows() != labels.length) {
      throw new IllegalArgumentException("need rows [n, d] and n labels, got " + Arrays.toString(x.shape())
          + " and " + labels.length + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", outside 0.." + (classes - 1));
      }
    }
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    INDArray data = x.castTo(Nd4j.defaultFloatingPointType());
    return RandomState.seeded(seed).use(() -> {
      var network = new Sequential("classifier",
          new Dense(data.columns(), HIDDEN[0], Init.glorot()), new Relu(),
          new Dense(HIDDEN[0], HIDDEN[1], Init.glorot()), new Relu(),
          new Dense(HIDDEN[1], classes, Init.glorot()));
      var adam = new Adam(LEARNING_RATE, 0.9);
      int n = labels.length;
      int[] order = java.util.stream.IntStream.range(0, n).toArray();
      for (int epoch = 0; epoch < epochs; epoch++) {
        shuffle(order);
        for (int start = 0; start < n; start += BATCH) {
          int[] rows = Arrays.copyOfRange(order, start, Math.min(n, start + BATCH));
          int[] y = Arrays.stream(rows).map(i -> labels[i]).toArray();
          INDArray logits = network.forward(data.getRows(rows), Mode.TRAIN);
          network.backward(SemiSupervisedLoss.supervised(logits, y).gradient());
          adam.step(network.parameters());
        }
      }
      return new MnistClassifier(network);
    });
  }

  /** p(y|x) [n, K] in double, each row a softmax summing to 1. */
  public INDArray probabilities(INDArray x) {
    INDArray logits = network.apply(input(x)).castTo(DataType.DOUBLE);
    // exp(l - logsumexp(l)): the shift keeps exp from overflowing on confident rows.
    return Transforms.exp(logits.subColumnVector(SemiSupervisedLoss.logSumExp(logits)), false);
  }

  /** The last hidden layer's activations [n, 128]: the features the Fréchet distance compares. */
  public INDArray features(INDArray x) {
    INDArray h = input(x);
    var layers = network.layers();
    for (Layer layer : layers.subList(0, layers.size() - 1)) h = layer.forward(h, Mode.EVAL);
    return h;
  }

  /** The most probable class of each row. */
  public int[] predict(INDArray x) {
    return Arrays.stream(Nd4j.argMax(network.apply(input(x)), 1).toLongVector()).mapToInt(Math::toIntExact).toArray();
  }

  /** The fraction of rows whose most probable class is their label. */
  public double accuracy(INDArray x, int[] labels) {
    if (x.rows() != labels.length) {
      throw new IllegalArgumentException(x.rows() + " rows but " + labels.length + " labels");
    }
    int[] predicted = predict(x);
    long right = java.util.stream.IntStream.range(0, labels.length).filter(i -> predicted[i] == labels[i]).count();
    return (double) right / labels.length;
  }

  Sequential network() { return network; }

  private INDArray input(INDArray x) {
    var first = (Dense) network.layers().get(0);
    if (x.rank() != 2 || x.columns() != first.in()) {
      throw new IllegalArgumentException("rows must be [n, " + first.in() + "], got " + Arrays.toString(x.shape()));
    }
    return x.castTo(first.weights().value().dataType());
  }

  /** Fisher-Yates with ND4J's generator, so the order follows the seed's state. */
  private static void shuffle(int[] order) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = Nd4j.getRandom().nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
