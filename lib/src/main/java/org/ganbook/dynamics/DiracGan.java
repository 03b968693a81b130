package org.ganbook.dynamics;

/**
 * The Dirac GAN of Mescheder et al. (2018): the generator is a point mass p_theta = delta_theta,
 * the data a point mass at 0, and the discriminator linear, D_psi(x) = psi x. With
 * f(t) = -log(1 + exp(-t)), the game is L(theta, psi) = f(psi theta) + f(0), which G minimises and D
 * maximises. Its unique equilibrium is (0, 0).
 *
 * <p>Two parameters, so this is plain double arithmetic: a picture of the game's geometry, not a
 * tensor computation.
 */
public final class DiracGan {
  private DiracGan() {}

  /** f'(t) = 1 / (1 + exp(t)). */
  static double fPrime(double t) { return 1 / (1 + Math.exp(t)); }

  static double fSecond(double t) {
    double s = fPrime(t);
    return -s * (1 - s);
  }

  /** The gradient field v = (-dL/dtheta, dL/dpsi): the direction simultaneous gradient play moves. */
  public static double[] field(double theta, double psi) {
    double g = fPrime(psi * theta);
    return new double[] {-g * psi, g * theta};
  }

  /** The Jacobian v' of the field in closed form, rows (d/dtheta, d/dpsi) of (v_theta, v_psi). */
  public static double[][] jacobian(double theta, double psi) {
    double t = psi * theta, g1 = fPrime(t), g2 = fSecond(t);
    return new double[][] {
        {-g2 * psi * psi, -g1 - g2 * psi * theta},
        {g1 + g2 * theta * psi, g2 * theta * theta}};
  }

  /** The Jacobian by central differences of {@link #field}, to check the closed form. */
  public static double[][] numericalJacobian(double theta, double psi, double h) {
    double[] tp = field(theta + h, psi), tm = field(theta - h, psi);
    double[] pp = field(theta, psi + h), pm = field(theta, psi - h);
    return new double[][] {
        {(tp[0] - tm[0]) / (2 * h), (pp[0] - pm[0]) / (2 * h)},
        {(tp[1] - tm[1]) / (2 * h), (pp[1] - pm[1]) / (2 * h)}};
  }

  /** Eigenvalues of a real 2x2 matrix as {re1, im1, re2, im2}. */
  public static double[] eigenvalues(double[][] a) {
    double trace = a[0][0] + a[1][1];
    double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
    double disc = trace * trace / 4 - det;
    if (disc >= 0) {
      double r = Math.sqrt(disc);
      return new double[] {trace / 2 + r, 0, trace / 2 - r, 0};
    }
    double i = Math.sqrt(-disc);
    return new double[] {trace / 2, i, trace / 2, -i};
  }

  /** Consensus optimisation (Mescheder et al., 2017): w = v - gamma v'^T v, which pulls towards the equilibrium. */
  public static double[] consensusField(double theta, double psi, double gamma) {
    double[] v = field(theta, psi);
    double[][] j = jacobian(theta, psi);
    return new double[] {
        v[0] - gamma * (j[0][0] * v[0] + j[1][0] * v[1]),
        v[1] - gamma * (j[0][1] * v[0] + j[1][1] * v[1])};
  }

  /** The Jacobian w' of the consensus field by central differences (gamma = 0 gives v'). */
  public static double[][] numericalConsensusJacobian(double theta, double psi, double h, double gamma) {
    double[] tp = consensusField(theta + h, psi, gamma), tm = consensusField(theta - h, psi, gamma);
    double[] pp = consensusField(theta, psi + h, gamma), pm = consensusField(theta, psi - h, gamma);
    return new double[][] {
        {(tp[0] - tm[0]) / (2 * h), (pp[0] - pm[0]) / (2 * h)},
        {(tp[1] - tm[1]) / (2 * h), (pp[1] - pm[1]) / (2 * h)}};
  }

  /** How the players take turns. */
  public enum Update { SIMULTANEOUS, ALTERNATING, CONSENSUS }

  /** A trajectory of {@code steps} gradient steps of size h from (theta0, psi0): rows {theta[], psi[]}. */
  public static double[][] trajectory(Update update, double theta0, double psi0, double h, int steps, double gamma) {
    double[] theta = new double[steps + 1], psi = new double[steps + 1];
    theta[0] = theta0;
    psi[0] = psi0;
    for (int t = 0; t < steps; t++) {
      double th = theta[t], ps = psi[t];
      switch (update) {
        case SIMULTANEOUS -> {
          double[] v = field(th, ps);
          th += h * v[0];
          ps += h * v[1];
        }
        case ALTERNATING -> {
          th += h * field(th, ps)[0];
          ps += h * field(th, ps)[1];
        }
        case CONSENSUS -> {
          double[] w = consensusField(th, ps, gamma);
          th += h * w[0];
          ps += h * w[1];
        }
      }
      theta[t + 1] = th;
      psi[t + 1] = ps;
    }
    return new double[][] {theta, psi};
  }
}
