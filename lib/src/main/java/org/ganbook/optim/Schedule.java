package org.ganbook.optim;

/** A hyper-parameter as a function of the update count t = 0, 1, 2, ... */
@FunctionalInterface
public interface Schedule {
  double at(long t);

  static Schedule constant(double value) { return t -> value; }

  /**
   * pylearn2's ExponentialDecay, as the paper's MNIST run used it (decay_factor 1.000004,
   * min_lr 1e-6): the value is divided by {@code factor} after every update, down to {@code floor}.
   */
  static Schedule exponentialDecay(double initial, double factor, double floor) {
    if (!(factor >= 1)) throw new IllegalArgumentException("decay factor must be >= 1, got " + factor);
    return t -> Math.max(floor, initial / Math.pow(factor, t));
  }

  /**
   * pylearn2's MomentumAdjustor: {@code from} until update {@code start}, rising linearly to
   * {@code to} at update {@code saturate}, constant after.
   */
  static Schedule linear(double from, double to, long start, long saturate) {
    if (saturate <= start) throw new IllegalArgumentException("saturate (" + saturate + ") must come after start (" + start + ")");
    return t -> {
      if (t <= start) return from;
      if (t >= saturate) return to;
      return from + (to - from) * (double) (t - start) / (saturate - start);
    };
  }
}
