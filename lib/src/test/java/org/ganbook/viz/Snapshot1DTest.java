package org.ganbook.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ganbook.data.Toy;
import org.ganbook.data.Sampler;
import org.ganbook.nn.Dense;
import org.ganbook.nn.Init;
import org.ganbook.nn.Sequential;
import org.ganbook.theory.Grid;
import org.ganbook.theory.KernelDensity;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class Snapshot1DTest {

  static { Pngs.headless(); }

  static final Grid GRID = Grid.of(-1, 5, 601);

  /** G(z) = a z + b as a one-layer network. */
  static Sequential affine(double a, double b) {
    var net = new Sequential("G", new Dense(1, 1, Init.glorot()));
    net.parameters().get(0).value().assign(a);
    net.parameters().get(1).value().assign(b);
    return net;
  }

  @Test void matchesClosedFormsForAnAffineGenerator() {
    // z ~ N(0, 1) and G(z) = 0.5 z + 2 give p_g = N(2, 0.5^2) = p_data: JSD ~ 0 (KDE and sampling error only).
    Sampler pZ = m -> Toy.gaussian(0, 1).sample(m, Nd4j.getRandom());
    var pData = GRID.gaussian(2, 0.5);
    var d = affine(0, 0); // logit 0: D = 1/2 everywhere
    var same = Snapshot1D.of(pData, affine(0.5, 2), d, pZ);
    assertTrue(same.jsd() < 1e-3, "JSD of p_data with itself by KDE: " + same.jsd());
    assertEquals(1, same.pG().mass(), 1e-3);
    assertEquals(0, same.maxDistanceFromHalf(0.01), 1e-6);
    assertTrue(same.maxGapToOptimal(0.05) < 0.05, "D = 1/2 is D*_G when p_g = p_data: " + same.maxGapToOptimal(0.05));
    // A shifted G: JSD(N(2, .25), N(3, .25)) by quadrature.
    var shifted = Snapshot1D.of(pData, affine(0.5, 3), d, pZ);
    double exact = org.ganbook.theory.Divergence.jsd(pData, GRID.gaussian(3, 0.5));
    assertEquals(exact, shifted.jsd(), 0.01);
    assertTrue(shifted.maxDistanceFromHalf(0.01) < 1e-6);
  }

  @Test void mappingIsMonotoneQuantilesAndEstimateDependsOnGAlone() {
    Sampler pZ = m -> Toy.uniform(-1, 1).sample(m, 1, Nd4j.getRandom());
    var pData = GRID.gaussian(2, 0.5);
    var g = affine(1, 2);
    var d = affine(1, -2); // built first: initialising a layer draws random numbers too
    var s = Snapshot1D.of(pData, g, d, pZ, 5_000, 10);
    assertEquals(10, s.z().length);
    for (int i = 1; i < 10; i++) assertTrue(s.z()[i] > s.z()[i - 1]);
    for (int i = 0; i < 10; i++) assertEquals(s.z()[i] + 2, s.gz()[i], 1e-5);
    // D(x) = sigmoid(x - 2): 1/2 at the data's mean.
    assertEquals(0.5, s.d()[300], 1e-6);
    var again = Snapshot1D.of(pData, g, d, pZ, 5_000, 10);
    assertEquals(s.jsd(), again.jsd(), 0, "same G, same z: the same estimate");
    var fig = s.figure();
    assertEquals(601, fig.x().length);
    assertTrue(Charts.toImage(Figure1.chart("t", fig)).getWidth() > 0);
  }

  @Test void estimatesPgWithTheTheorysKernelDensityFromTheDrawnZ() {
    // z evenly spread over [-1, 1] (no draws), so the expected estimate is known.
    Sampler pZ = m -> Nd4j.linspace(DataType.FLOAT, -1, 2.0 / (m - 1), m).reshape(m, 1);
    var g = affine(1, 2);
    var s = Snapshot1D.of(GRID.gaussian(2, 0.5), g, affine(1, -2), pZ, 2_001, 4);
    var z = pZ.sample(2_001);
    assertArrayEquals(KernelDensity.estimate(GRID, g.apply(z)).toArray(), s.pG().toArray(), 0);
    assertArrayEquals(new double[] {-0.75, -0.25, 0.25, 0.75}, s.z(), 1e-6, "the arrows' z are quantiles of the drawn z");
  }

  @Test void leavesTheCallersGeneratorWhereItWas() {
    var pData = GRID.gaussian(2, 0.5);
    var g = affine(1, 2);
    var d = affine(1, -2); // built first: initialising a layer draws random numbers too
    Nd4j.getRandom().setSeed(77);
    long[] caller = {Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()};
    Snapshot1D.of(pData, g, d, Toy.uniform(-1, 1), 2_000, 3);
    assertArrayEquals(caller, new long[] {Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()});
  }

  @Test void snapshotsBetweenTrainCallsDoNotChangeTraining() {
    var pData = GRID.gaussian(3, 1);
    var straight = TrainingViewTest.tinyGan();
    straight.train(40);
    var watched = TrainingViewTest.tinyGan();
    for (int i = 0; i < 4; i++) {
      watched.train(10);
      Snapshot1D.of(pData, watched.generator(), watched.discriminator(), m -> Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, m, 1), 1_000, 5);
    }
    assertArrayEquals(straight.history().column("loss_D"), watched.history().column("loss_D"), 0);
  }
}
