package org.ganbook.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences in double precision against an analytic gradient:
 * dL/dw ~ (L(w + h) - L(w - h)) / 2h, element by element.
 */
public final class GradientCheck {
  private GradientCheck() {}

  /** Checks every element of {@code wrt} (perturbed in place) against {@code analytic}. */
  public static void check(String what, INDArray wrt, INDArray analytic, Supplier<Double> loss) {
    double h = 1e-6;
    INDArray flat = wrt.reshape(wrt.length());
    INDArray expected = analytic.reshape(analytic.length());
    for (long i = 0; i < flat.length(); i++) {
      double w = flat.getDouble(i);
      flat.putScalar(i, w + h);
      double plus = loss.get();
      flat.putScalar(i, w - h);
      double minus = loss.get();
      flat.putScalar(i, w);
      double numeric = (plus - minus) / (2 * h);
      double a = expected.getDouble(i);
      assertEquals(numeric, a, 1e-6 * Math.max(1, Math.abs(numeric)), what + " element " + i);
    }
  }
}
