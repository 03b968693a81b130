package org.ganbook.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ganbook.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class OptimizerTest {
  private static Parameter parameter(double... values) { return new Parameter("w", Nd4j.createFromArray(values)); }

  @Test void sgdWithMomentumByHand() {
    Parameter w = parameter(1.0, -2.0);
    var sgd = new Sgd(Schedule.constant(0.1), Schedule.constant(0.5));
    w.gradient().assign(Nd4j.createFromArray(0.4, -1.0));
    sgd.step(List.of(w));
    // v = -0.1 g = (-0.04, 0.1); w = (0.96, -1.9)
    assertArrayEquals(new double[] {0.96, -1.9}, w.value().toDoubleVector(), 1e-12);
    w.gradient().assign(Nd4j.createFromArray(0.2, 0.0));
    sgd.step(List.of(w));
    // v = 0.5 (-0.04, 0.1) - 0.1 (0.2, 0) = (-0.04, 0.05); w = (0.92, -1.85)
    assertArrayEquals(new double[] {0.92, -1.85}, w.value().toDoubleVector(), 1e-12);
    assertEquals(2, sgd.updates());
  }

  @Test void adamByHand() {
    Parameter w = parameter(1.0);
    var adam = new Adam(Schedule.constant(0.01), 0.5, 0.999, 1e-8);
    w.gradient().assign(Nd4j.createFromArray(2.0));
    adam.step(List.of(w));
    // First step: m_hat = g, v_hat = g^2, so the step is lr * g / |g| = 0.01.
    assertEquals(0.99, w.value().getDouble(0), 1e-9);
    w.gradient().assign(Nd4j.createFromArray(-1.0));
    adam.step(List.of(w));
    double m = 0.5 * (0.5 * 2) + 0.5 * -1, v = 0.999 * (0.001 * 4) + 0.001 * 1;
    double expected = 0.99 - 0.01 * (m / (1 - 0.25)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
    assertEquals(expected, w.value().getDouble(0), 1e-9);
  }

  @Test void adamEpsilonInsideOrOutsideTheRoot() {
    // A gradient of 1e-6, as most of G's under feature matching: the two forms part by two orders.
    double g = 1e-6, eps = 1e-8, lr = 0.01;
    Parameter outside = parameter(0.0), inside = parameter(0.0);
    var paper = new Adam(Schedule.constant(lr), 0.5, 0.999, eps, Adam.Epsilon.OUTSIDE_ROOT);
    var code = Adam.improvedGan(lr, 0.5);
    assertEquals(Adam.Epsilon.INSIDE_ROOT, code.epsilonForm());
    for (int t = 1; t <= 2; t++) {
      outside.gradient().assign(Nd4j.createFromArray(g));
      inside.gradient().assign(Nd4j.createFromArray(g));
      paper.step(List.of(outside));
      code.step(List.of(inside));
    }
    // With a constant gradient m_hat = g and v_hat = g^2 at every step.
    assertEquals(-2 * lr * g / (g + eps), outside.value().getDouble(0), 1e-12);
    assertEquals(-2 * lr * g / Math.sqrt(g * g + eps), inside.value().getDouble(0), 1e-12);
    assertTrue(Math.abs(outside.value().getDouble(0)) > 90 * Math.abs(inside.value().getDouble(0)));
  }

  @Test void adamMatchesTheTextbookFormulaOverManySteps() {
    // The fused op's steps against the formula written out per element, in double, for both forms;
    // gradients spread over six orders of magnitude so that epsilon's place matters.
    for (Adam.Epsilon form : Adam.Epsilon.values()) {
      double lr = 0.003, b1 = 0.5, b2 = 0.999, eps = 1e-8;
      var adam = new Adam(Schedule.constant(lr), b1, b2, eps, form);
      var random = new java.util.Random(3);
      int n = 1000;
      double[] theta = new double[n], m = new double[n], v = new double[n];
      for (int i = 0; i < n; i++) theta[i] = random.nextGaussian();
      Parameter w = new Parameter("w", Nd4j.createFromArray(theta).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
      for (int t = 1; t <= 60; t++) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) g[i] = random.nextGaussian() * Math.pow(10, -1 - 6 * (i % 7) / 6.0);
        w.gradient().assign(Nd4j.createFromArray(g));
        adam.step(List.of(w));
        for (int i = 0; i < n; i++) {
          m[i] = b1 * m[i] + (1 - b1) * g[i];
          v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
          double mHat = m[i] / (1 - Math.pow(b1, t)), vHat = v[i] / (1 - Math.pow(b2, t));
          theta[i] -= lr * mHat / (form == Adam.Epsilon.OUTSIDE_ROOT ? Math.sqrt(vHat) + eps : Math.sqrt(vHat + eps));
        }
      }
      assertArrayEquals(theta, w.value().toDoubleVector(), 2e-6, form.toString());
      assertEquals(60, adam.updates());
    }
  }

  @Test void paperSchedules() {
    Schedule lr = Schedule.exponentialDecay(0.1, 1.000004, 1e-6);
    assertEquals(0.1, lr.at(0), 1e-15);
    assertEquals(0.1 / Math.pow(1.000004, 100_000), lr.at(100_000), 1e-12);
    assertEquals(1e-6, lr.at(10_000_000), 0); // the floor: 0.1 / 1.000004^1e7 is 4e-19
    Schedule momentum = Schedule.linear(0.5, 0.7, 0, 1000);
    assertEquals(0.5, momentum.at(0), 0);
    assertEquals(0.6, momentum.at(500), 1e-12);
    assertEquals(0.7, momentum.at(1000), 0);
    assertEquals(0.7, momentum.at(5000), 0);
  }

  @Test void stateRoundTrips() {
    Parameter w = parameter(1.0, 2.0);
    var a = new Sgd(Schedule.constant(0.1), Schedule.constant(0.9));
    w.gradient().assign(Nd4j.createFromArray(1.0, 1.0));
    a.step(List.of(w));
    var b = new Sgd(Schedule.constant(0.1), Schedule.constant(0.9));
    b.restore(a.state());
    Parameter w2 = parameter(w.value().toDoubleVector());
    w2.gradient().assign(w.gradient());
    a.step(List.of(w));
    b.step(List.of(w2));
    assertArrayEquals(w.value().toDoubleVector(), w2.value().toDoubleVector(), 0);
    assertEquals(a.updates(), b.updates());
  }

  @Test void stateMadeDuringAnIterationOutlivesItsMemory() {
    Parameter w = parameter(1.0, 2.0);
    var adam = new Adam(1e-3, 0.5);
    var config = org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration.builder().initialSize(1 << 20).build();
    try (var iteration = Nd4j.getWorkspaceManager().getAndActivateWorkspace(config, "test-iteration")) {
      w.gradient().assign(Nd4j.createFromArray(1.0, -1.0));
      adam.step(List.of(w));
    }
    for (String slot : List.of("m", "v")) {
      assertFalse(adam.buffer(w, slot).isAttached(), "Adam's " + slot + " was made in the iteration's workspace");
    }
    Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
  }

  @Test void refusesBadHyperParameters() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Sgd(0));
    assertTrue(e.getMessage().contains("learning rate must be > 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Sgd(-0.1));
    assertThrows(IllegalArgumentException.class, () -> new Adam(Double.NaN, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new Adam(0.001, 1.0));
    assertThrows(IllegalArgumentException.class, () -> Schedule.exponentialDecay(0.1, 0.9, 0));
  }
}
