package org.ganbook.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DiracGanTest {
  @Test void jacobianMatchesFiniteDifferences() {
    for (double[] p : new double[][] {{0, 0}, {0.7, -1.2}, {-2, 0.4}}) {
      double[][] exact = DiracGan.jacobian(p[0], p[1]);
      double[][] numeric = DiracGan.numericalJacobian(p[0], p[1], 1e-5);
      for (int i = 0; i < 2; i++) assertArrayEquals(exact[i], numeric[i], 1e-8);
    }
  }

  @Test void equilibriumIsAPureRotation() {
    // v'(0, 0) = [[0, -1/2], [1/2, 0]]: eigenvalues +-i/2, no real part to pull towards (0, 0).
    double[] eig = DiracGan.eigenvalues(DiracGan.numericalJacobian(0, 0, 1e-5));
    assertArrayEquals(new double[] {0, 0.5, 0, -0.5}, eig, 1e-8);
  }

  @Test void consensusDampsTheRotationByGammaOverFour() {
    // w'(0, 0) = v' - gamma v'^T v' = [[-gamma/4, -1/2], [1/2, -gamma/4]]: eigenvalues -gamma/4 +- i/2.
    for (double gamma : new double[] {0, 0.5, 1, 2}) {
      double[] eig = DiracGan.eigenvalues(DiracGan.numericalConsensusJacobian(0, 0, 1e-5, gamma));
      assertArrayEquals(new double[] {-gamma / 4, 0.5, -gamma / 4, -0.5}, eig, 1e-8, "gamma " + gamma);
    }
    double[][] plain = DiracGan.numericalJacobian(0.7, -1.2, 1e-5), zero = DiracGan.numericalConsensusJacobian(0.7, -1.2, 1e-5, 0);
    for (int i = 0; i < 2; i++) assertArrayEquals(plain[i], zero[i], 1e-12, "gamma 0 is the plain field");
  }

  @Test void eigenvaluesOfKnownMatrices() {
    assertArrayEquals(new double[] {3, 0, 1, 0}, DiracGan.eigenvalues(new double[][] {{2, 1}, {1, 2}}), 1e-12);
    assertArrayEquals(new double[] {1, 2, 1, -2}, DiracGan.eigenvalues(new double[][] {{1, -2}, {2, 1}}), 1e-12);
  }

  private static double radius(double[][] t, int i) { return Math.hypot(t[0][i], t[1][i]); }

  @Test void simultaneousDivergesAlternatingCirclesConsensusConverges() {
    int n = 2000;
    double[][] sim = DiracGan.trajectory(DiracGan.Update.SIMULTANEOUS, 1, 1, 0.1, n, 0);
    double[][] alt = DiracGan.trajectory(DiracGan.Update.ALTERNATING, 1, 1, 0.1, n, 0);
    double[][] con = DiracGan.trajectory(DiracGan.Update.CONSENSUS, 1, 1, 0.1, n, 1.0);
    double r0 = Math.sqrt(2);
    assertTrue(radius(sim, n) > 1.5 * r0, "simultaneous steps spiral outwards: " + radius(sim, n));
    assertEquals(r0, radius(alt, n), 0.5, "alternating steps stay on a closed orbit");
    assertTrue(radius(con, n) < 0.05, "consensus optimisation reaches the equilibrium: " + radius(con, n));
  }
}
