package org.ganbook.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ganbook.data.Gaussian;
import org.ganbook.data.Toy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class KernelDensityTest {
  static final Grid GRID = Grid.of(-1, 5, 601);

  @Test void bandwidthIsSilvermansRule() {
    double[] v = {0, 1, 2, 3, 4, 5, 6, 7};
    double mean = 3.5, ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    double s = Math.sqrt(ss / (v.length - 1)); // the sample standard deviation
    assertEquals(1.06 * s * Math.pow(8, -0.2), KernelDensity.bandwidth(Nd4j.createFromArray(v)), 1e-12);
    assertEquals(1.06 * 1e-3 * Math.pow(3, -0.2), KernelDensity.bandwidth(Nd4j.createFromArray(2.0, 2.0, 2.0)), 1e-15,
        "equal draws still get a positive bandwidth");
  }

  @Test void twoDrawsGiveTheMeanOfTwoGaussianBumps() {
    var draws = Nd4j.createFromArray(1.0f, 3.0f).reshape(2, 1);
    double h = KernelDensity.bandwidth(draws);
    var estimate = KernelDensity.estimate(GRID, draws).toArray();
    double[] x = GRID.x().toDoubleVector();
    var left = new Gaussian(1, h);
    var right = new Gaussian(3, h);
    for (int i = 0; i < x.length; i++) {
      assertEquals(0.5 * (left.density(x[i]) + right.density(x[i])), estimate[i], 1e-12, "at x = " + x[i]);
    }
  }

  @Test void manyDrawsOfAGaussianEstimateItWidenedByTheBandwidth() {
    var draws = Toy.gaussian(2, 0.5).sample(20_000, 3L);
    double h = KernelDensity.bandwidth(draws);
    var estimate = KernelDensity.estimate(GRID, draws);
    assertEquals(1, estimate.mass(), 1e-3);
    // E[estimate] = p_data convolved with N(0, h^2) = N(2, 0.25 + h^2); what is left is sampling error.
    double jsd = Divergence.jsd(estimate, GRID.gaussian(2, Math.sqrt(0.25 + h * h)));
    assertTrue(jsd < 2e-4, "JSD to the smoothed Gaussian: " + jsd);
    assertTrue(Divergence.jsd(estimate, GRID.gaussian(2.3, 0.5)) > 10 * jsd, "and it sees a shift");
  }

  @Test void needsTwoDraws() {
    var e = assertThrows(IllegalArgumentException.class, () -> KernelDensity.estimate(GRID, Nd4j.zeros(DataType.DOUBLE, 1, 1)));
    assertTrue(e.getMessage().contains("at least 2") && e.getMessage().contains("[1, 1]"), e.getMessage());
  }

  @Test void supportIsWherePReachesAFractionOfItsPeak() {
    var p = GRID.gaussian(2, 0.5);
    double[] x = GRID.x().toDoubleVector();
    boolean[] in = p.support(0.01);
    // N(mu, sigma^2) >= 0.01 of its peak where |x - mu| <= sigma sqrt(2 ln 100) = 1.517.
    double edge = 0.5 * Math.sqrt(2 * Math.log(100));
    for (int i = 0; i < x.length; i++) {
      if (Math.abs(Math.abs(x[i] - 2) - edge) > 1e-9) assertEquals(Math.abs(x[i] - 2) < edge, in[i], "at x = " + x[i]);
    }
    boolean[] all = p.support(0);
    for (boolean b : all) assertTrue(b);
    var e = assertThrows(IllegalArgumentException.class, () -> p.support(1.5));
    assertTrue(e.getMessage().contains("1.5"), e.getMessage());
  }
}
