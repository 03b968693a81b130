package org.ganbook.optim;

import java.util.List;
import org.ganbook.loops.Loops;
import org.ganbook.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma and Ba, 2015) with bias correction: m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g^2,
 * theta <- theta - lr * m_hat / (sqrt(v_hat) + eps). The improved-gan experiments use lr 0.003, b1 0.5.
 *
 * <p>Where epsilon goes matters more than its size suggests. The paper puts it outside the square
 * root; openai/improved-gan's Adam (nn.py) divides by sqrt(v_hat + eps), inside the root, so with
 * eps = 1e-8 the denominator never falls below 1e-4. A parameter whose gradients stay far below
 * 1e-4 (most of G's under feature matching) then takes steps of lr * m_hat / 1e-4, much smaller
 * than lr, where the paper's form takes full steps of about lr whatever the gradient's scale.
 * {@link Epsilon} selects the form.
 */
public final class Adam extends StatefulOptimizer {
  /** Where epsilon enters the denominator. */
  public enum Epsilon {
    /** sqrt(v_hat) + eps: Kingma and Ba's Algorithm 1. */
    OUTSIDE_ROOT,
    /** sqrt(v_hat + eps): openai/improved-gan's nn.adam_updates, the code behind Salimans et al. (2016). */
    INSIDE_ROOT
  }

  private final Schedule learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final Epsilon form;

  public Adam(Schedule learningRate, double beta1, double beta2, double epsilon) {
    this(learningRate, beta1, beta2, epsilon, Epsilon.OUTSIDE_ROOT);
  }

  public Adam(Schedule learningRate, double beta1, double beta2, double epsilon, Epsilon form) {
    requirePositive("learning rate", learningRate.at(0));
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1, got " + beta1 + ", " + beta2);
    }
    requirePositive("epsilon", epsilon);
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    if (form == null) throw new IllegalArgumentException("choose where epsilon goes: OUTSIDE_ROOT or INSIDE_ROOT");
    this.form = form;
  }

  public Adam(double learningRate, double beta1) { this(Schedule.constant(learningRate), beta1, 0.999, 1e-8); }

  /** improved-gan's Adam: constant lr, beta2 0.999, eps 1e-8 inside the square root. */
  public static Adam improvedGan(double learningRate, double beta1) {
    return new Adam(Schedule.constant(learningRate), beta1, 0.999, 1e-8, Epsilon.INSIDE_ROOT);
  }

  public Epsilon epsilonForm() { return form; }

  @Override public void step(List<Parameter> parameters) {
    double lr = learningRate.at(updates);
    requirePositive("learning rate at update " + updates, lr);
    long t = updates + 1;
    double correction1 = 1 - Math.pow(beta1, t);
    double correction2 = 1 - Math.pow(beta2, t);
    var blas = Nd4j.getBlasWrapper().level1();
    for (Parameter p : parameters) {
      INDArray g = p.gradient();
      if (Loops.available(p.value(), g, buffer(p, "m"), buffer(p, "v"))) {
        fusedStep(p, lr, correction1, correction2);
        continue;
      }
      INDArray m = buffer(p, "m").muli(beta1);
      blas.axpy(m.length(), 1 - beta1, g, m);
      INDArray v = buffer(p, "v").muli(beta2);
      INDArray scratch = g.mul(g);
      blas.axpy(v.length(), 1 - beta2, scratch, v);
      // theta -= lr/c1 * m / (sqrt(v/c2) + eps) or m / sqrt(v/c2 + eps), in one temporary.
      if (form == Epsilon.OUTSIDE_ROOT) {
        Nd4j.exec(new Sqrt(v, scratch));
        scratch.muli(1 / Math.sqrt(correction2)).addi(epsilon);
      } else {
        scratch.assign(v).muli(1 / correction2).addi(epsilon);
        Nd4j.exec(new Sqrt(scratch, scratch));
      }
      scratch.rdivi(m);
      blas.axpy(scratch.length(), -lr / correction1, scratch, p.value());
    }
    updates++;
  }

  /** The same update in one pass over theta, g, m and v, in float as ND4J computes it. */
  private void fusedStep(Parameter p, double lr, double correction1, double correction2) {
    float b1 = (float) beta1, b2 = (float) beta2, eps = (float) epsilon;
    float oneMinusB1 = (float) (1 - beta1), oneMinusB2 = (float) (1 - beta2);
    float step = (float) (-lr / correction1);
    float inverseC2 = (float) (1 / correction2), inverseRootC2 = (float) (1 / Math.sqrt(correction2));
    boolean outside = form == Epsilon.OUTSIDE_ROOT;
    Loops.inBlocks((block, length) -> {
      float[] theta = block[0], g = block[1], m = block[2], v = block[3];
      for (int i = 0; i < length; i++) {
        float gi = g[i];
        float mi = b1 * m[i] + oneMinusB1 * gi;
        float vi = b2 * v[i] + oneMinusB2 * (gi * gi);
        m[i] = mi;
        v[i] = vi;
        float denominator = outside
            ? (float) Math.sqrt(vi) * inverseRootC2 + eps
            : (float) Math.sqrt(vi * inverseC2 + eps);
        theta[i] += step * (mi / denominator);
      }
    }, Loops.inOut(p.value()), Loops.in(p.gradient()), Loops.inOut(buffer(p, "m")), Loops.inOut(buffer(p, "v")));
  }
}
