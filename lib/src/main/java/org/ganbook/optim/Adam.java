package org.ganbook.optim;

import java.util.List;
import org.ganbook.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma and Ba, 2015) with bias correction: m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g^2,
 * theta <- theta - lr * m_hat / (sqrt(v_hat) + eps). The improved-gan experiments use lr 0.003, b1 0.5.
 */
public final class Adam extends StatefulOptimizer {
  private final Schedule learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;

  public Adam(Schedule learningRate, double beta1, double beta2, double epsilon) {
    requirePositive("learning rate", learningRate.at(0));
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1, got " + beta1 + ", " + beta2);
    }
    requirePositive("epsilon", epsilon);
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  public Adam(double learningRate, double beta1) { this(Schedule.constant(learningRate), beta1, 0.999, 1e-8); }

  @Override public void step(List<Parameter> parameters) {
    double lr = learningRate.at(updates);
    requirePositive("learning rate at update " + updates, lr);
    long t = updates + 1;
    double correction1 = 1 - Math.pow(beta1, t);
    double correction2 = 1 - Math.pow(beta2, t);
    var blas = Nd4j.getBlasWrapper().level1();
    for (Parameter p : parameters) {
      INDArray g = p.gradient();
      INDArray m = buffer(p, "m").muli(beta1);
      blas.axpy(m.length(), 1 - beta1, g, m);
      INDArray v = buffer(p, "v").muli(beta2);
      INDArray scratch = g.mul(g);
      blas.axpy(v.length(), 1 - beta2, scratch, v);
      // theta -= lr/c1 * m / (sqrt(v/c2) + eps), with one temporary for the whole expression.
      Nd4j.exec(new Sqrt(v, scratch));
      scratch.muli(1 / Math.sqrt(correction2)).addi(epsilon).rdivi(m);
      blas.axpy(scratch.length(), -lr / correction1, scratch, p.value());
    }
    updates++;
  }
}
