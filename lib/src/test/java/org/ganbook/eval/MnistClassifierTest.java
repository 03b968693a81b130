package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MnistClassifierTest {
  static final int CLASSES = 3;

  /** n rows of width 20, class i % 3, N(mean of the class, I); any two means are 6 apart. */
  static INDArray rows(int n, long seed) {
    var x = ParzenWindowTest.gaussian(n, new double[20], filled(20, 1), seed);
    for (int i = 0; i < n; i++) x.getRow(i).addi(Nd4j.createFromArray(classMean(i % CLASSES)));
    return x.castTo(DataType.FLOAT);
  }

  static double[] classMean(int c) {
    double[] m = new double[20];
    m[c] = 3;
    m[c + 3] = -3;
    return m;
  }

  static int[] labels(int n) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = i % CLASSES;
    return y;
  }

  static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Test void learnsASeparableProblemAndGivesProbabilities() {
    var classifier = MnistClassifier.train(rows(900, 1), labels(900), CLASSES, 3, 1);
    var test = rows(600, 2);
    // The Bayes classifier errs with probability about 2 Phi(-3) = 0.3% (means 6 apart); chance is 2/3.
    double accuracy = classifier.accuracy(test, labels(600));
    System.out.printf("synthetic test accuracy %.4f%n", accuracy);
    assertTrue(accuracy > 0.93, "accuracy " + accuracy);
    var p = classifier.probabilities(test);
    assertArrayEquals(new long[] {600, CLASSES}, p.shape());
    assertEquals(DataType.DOUBLE, p.dataType());
    for (double sum : p.sum(1).toDoubleVector()) assertEquals(1, sum, 1e-12);
    assertTrue(p.minNumber().doubleValue() >= 0);
    // The predicted class is the most probable one.
    int[] predicted = classifier.predict(test);
    long[] argmax = Nd4j.argMax(p, 1).toLongVector();
    for (int i = 0; i < 600; i++) assertEquals(argmax[i], predicted[i]);
    // Confident, well-spread predictions: the Inception Score of the test rows is near K = 3.
    double score = InceptionScore.of(p);
    System.out.printf("synthetic test IS %.4f%n", score);
    assertTrue(score > 2.5 && score <= 3, "IS " + score);
  }

  @Test void featuresAreTheLastHiddenLayer() {
    var classifier = MnistClassifier.train(rows(300, 3), labels(300), CLASSES, 1, 2);
    var x = rows(50, 4);
    var features = classifier.features(x);
    assertArrayEquals(new long[] {50, MnistClassifier.HIDDEN[1]}, features.shape());
    // ReLU units: never negative.
    assertTrue(features.minNumber().doubleValue() >= 0);
    // The output layer applied to the features gives the logits behind the probabilities.
    var layers = classifier.network().layers();
    var logits = layers.get(layers.size() - 1).forward(features, org.ganbook.nn.Mode.EVAL).castTo(DataType.DOUBLE);
    var softmax = org.nd4j.linalg.ops.transforms.Transforms.softmax(logits, true);
    var p = classifier.probabilities(x);
    for (int i = 0; i < 50; i++) {
      assertArrayEquals(softmax.getRow(i).toDoubleVector(), p.getRow(i).toDoubleVector(), 1e-6);
    }
  }

  @Test void theSameSeedTrainsTheSameClassifierAndLeavesTheCallersGeneratorAlone() {
    var x = rows(300, 5);
    Nd4j.getRandom().setSeed(7);
    double expected = Nd4j.getRandom().nextDouble();
    Nd4j.getRandom().setSeed(7);
    var a = MnistClassifier.train(x, labels(300), CLASSES, 1, 3);
    assertEquals(expected, Nd4j.getRandom().nextDouble(), 0, "the caller's next draw is the one it would have made");
    var b = MnistClassifier.train(x, labels(300), CLASSES, 1, 3);
    assertEquals(a.probabilities(x), b.probabilities(x));
  }

  @Test void refusesBadInput() {
    var x = rows(30, 6);
    int[] y = labels(30);
    y[4] = 3;
    var e = assertThrows(IllegalArgumentException.class, () -> MnistClassifier.train(x, y, CLASSES, 1, 1));
    assertTrue(e.getMessage().contains("label 4 is 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MnistClassifier.train(x, labels(29), CLASSES, 1, 1));
    assertTrue(e.getMessage().contains("29 labels"), e.getMessage());
    var classifier = MnistClassifier.train(x, labels(30), CLASSES, 1, 1);
    e = assertThrows(IllegalArgumentException.class, () -> classifier.probabilities(Nd4j.zeros(5, 19)));
    assertTrue(e.getMessage().contains("[5, 19]") && e.getMessage().contains("20"), e.getMessage());
  }
}
