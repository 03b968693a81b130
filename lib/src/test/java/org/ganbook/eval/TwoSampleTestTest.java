package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ganbook.nn.Dense;
import org.ganbook.nn.Init;
import org.ganbook.nn.LeakyRelu;
import org.ganbook.nn.Sequential;
import org.ganbook.optim.Adam;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class TwoSampleTestTest {
  static Sequential classifier() {
    return new Sequential("C", new Dense(1, 16, Init.glorot()), new LeakyRelu(0.2), new Dense(16, 1, Init.glorot()));
  }

  @Test void sameDistributionStaysNearOneHalf() {
    Nd4j.getRandom().setSeed(1);
    var p = Nd4j.randn(DataType.FLOAT, 4000, 1);
    var q = Nd4j.randn(DataType.FLOAT, 4000, 1);
    var r = TwoSampleTest.run(p, q, TwoSampleTestTest::classifier, new Adam(1e-2, 0.5), 300, 64, 3, 2);
    assertEquals(4000, r.heldOut());
    assertEquals(0.5, r.accuracy(), 4 / (2 * Math.sqrt(4000)), "accuracy " + r.accuracy());
    assertEquals(3, r.curve().length);
  }

  @Test void separatedDistributionsAreTold() {
    Nd4j.getRandom().setSeed(1);
    var p = Nd4j.randn(DataType.FLOAT, 4000, 1);
    var q = Nd4j.randn(DataType.FLOAT, 4000, 1).addi(3);
    var r = TwoSampleTest.run(p, q, TwoSampleTestTest::classifier, new Adam(1e-2, 0.5), 300, 64, 1, 2);
    // The Bayes classifier (threshold 1.5) is right with probability Phi(1.5) = 0.933.
    assertEquals(0.933, r.accuracy(), 0.02, "accuracy " + r.accuracy());
    assertTrue(r.pValue() < 1e-10, "p-value " + r.pValue());
  }

  @Test void leavesTheCallersGeneratorAloneAndRepeatsFromItsSeed() {
    Nd4j.getRandom().setSeed(1);
    var p = Nd4j.randn(DataType.FLOAT, 200, 1);
    var q = Nd4j.randn(DataType.FLOAT, 200, 1).addi(1);
    Nd4j.getRandom().setSeed(5);
    double expected = Nd4j.getRandom().nextDouble();
    Nd4j.getRandom().setSeed(5);
    var a = TwoSampleTest.run(p, q, TwoSampleTestTest::classifier, new Adam(1e-2, 0.5), 20, 16, 2, 2);
    assertEquals(expected, Nd4j.getRandom().nextDouble(), 0, "the caller's next draw is the one it would have made");
    var b = TwoSampleTest.run(p, q, TwoSampleTestTest::classifier, new Adam(1e-2, 0.5), 20, 16, 2, 2);
    assertEquals(a.accuracy(), b.accuracy(), 0, "the same seed, the same test");
  }

  @Test void erfcMatchesKnownValues() {
    assertEquals(1.0, TwoSampleTest.erfc(0), 1e-7);
    assertEquals(0.157299207050285, TwoSampleTest.erfc(1), 1e-7);
    assertEquals(1.842700792949715, TwoSampleTest.erfc(-1), 1e-7);
    assertEquals(0.004677734981047, TwoSampleTest.erfc(2), 1e-8);
  }
}
