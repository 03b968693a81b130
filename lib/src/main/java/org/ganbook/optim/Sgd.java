package org.ganbook.optim;

import java.util.List;
import org.ganbook.loops.Loops;
import org.ganbook.loops.SumOfSquares;
import org.ganbook.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stochastic gradient descent with classical momentum, as pylearn2 ran the paper's experiments:
 * v <- mu v - lr g; theta <- theta + v. (ND4J's built-in momentum updater is Nesterov's, a
 * different rule, hence this class.)
 */
public final class Sgd extends StatefulOptimizer {
  private final Schedule learningRate;
  private final Schedule momentum;
  private double lastGradientNorm = Double.NaN;

  public Sgd(Schedule learningRate, Schedule momentum) {
    this.learningRate = learningRate;
    this.momentum = momentum;
    requirePositive("learning rate", learningRate.at(0));
  }

  public Sgd(double learningRate) { this(Schedule.constant(learningRate), Schedule.constant(0)); }

  /** The paper's MNIST optimiser: lr 0.1 decaying by 1/1.000004 per update, momentum 0.5 rising to 0.7. */
  public static Sgd paperMnist(long momentumSaturateUpdates) {
    return new Sgd(Schedule.exponentialDecay(0.1, 1.000004, 1e-6), Schedule.linear(0.5, 0.7, 0, momentumSaturateUpdates));
  }

  public double learningRate() { return learningRate.at(updates); }
  public double momentum() { return momentum.at(updates); }

  @Override public void step(List<Parameter> parameters) {
    double lr = learningRate.at(updates);
    double mu = momentum.at(updates);
    requirePositive("learning rate at update " + updates, lr);
    double squares = 0;
    for (Parameter p : parameters) {
      INDArray v = buffer(p, "velocity");
      if (Loops.available(p.value(), p.gradient(), v)) {
        squares += fusedStep(p, v, (float) lr, (float) mu);
        continue;
      }
      squares = Double.NaN;
      v.muli(mu);
      Nd4j.getBlasWrapper().level1().axpy(v.length(), -lr, p.gradient(), v);
      p.value().addi(v);
    }
    lastGradientNorm = Math.sqrt(squares);
    updates++;
  }

  @Override public double lastGradientNorm() { return lastGradientNorm; }

  /** v <- mu v - lr g; theta <- theta + v, in one pass, which also returns the sum of g's squares. */
  private static double fusedStep(Parameter p, INDArray velocity, float lr, float mu) {
    return Loops.sumInBlocks((block, length) -> {
      float[] theta = block[0], g = block[1], v = block[2];
      for (int i = 0; i < length; i++) {
        v[i] = mu * v[i] - lr * g[i];
        theta[i] += v[i];
      }
      return SumOfSquares.of(g, length);
    }, Loops.inOut(p.value()), Loops.in(p.gradient()), Loops.inOut(velocity));
  }
}
